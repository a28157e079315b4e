/* A task cancels itself and returns without awaiting (see the .py). */
#include "twin.h"

static int worker(void *arg, void **result) {
  wasio_task me = wasio_current_task();
  int rc = wasio_cancel(me);
  twin_log("T cancel self -> %d cancelling %d", rc, wasio_task_cancelling(me));
  twin_log("T returns 3");
  *result = R(3);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  void *value = NULL;
  wasio_create_task(&t, worker, NULL);
  int rc = wasio_await(t, &value);
  twin_log("main await T -> %s", result_of(rc, value));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_cancel_self_return(void) { return twin_run(main_); }
