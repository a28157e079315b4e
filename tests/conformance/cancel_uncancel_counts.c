/* cancelling()/uncancel() counts (see the .py). */
#include "twin.h"

static int worker(void *arg, void **result) {
  wasio_task me = wasio_current_task();
  int rc = wasio_sleep(5);
  if (rc != 0) {
    twin_log("T sleep -> %s cancelling %d", err(rc), wasio_task_cancelling(me));
    twin_log("T uncancel -> %d", wasio_task_uncancel(me));
    twin_log("T uncancel -> %d", wasio_task_uncancel(me));
  }
  rc = wasio_sleep(1);
  twin_log("T sleep -> %s cancelling %d", err(rc), wasio_task_cancelling(me));
  *result = R(9);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  void *value = NULL;
  wasio_create_task(&t, worker, NULL);
  wasio_sleep(0.5);
  int rc = wasio_cancel(t);
  twin_log("main cancel -> %d cancelling %d", rc, wasio_task_cancelling(t));
  rc = wasio_cancel(t);
  twin_log("main cancel -> %d cancelling %d", rc, wasio_task_cancelling(t));
  rc = wasio_await(t, &value);
  twin_log("main await T -> %s", result_of(rc, value));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_cancel_uncancel_counts(void) { return twin_run(main_); }
