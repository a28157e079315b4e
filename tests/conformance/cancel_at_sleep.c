/* Cancelling a task suspended in sleep(1) (see the .py). */
#include "twin.h"

static int sleeper(void *arg, void **result) {
  int rc = wasio_sleep(1);
  twin_log("T sleep -> %s", err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, sleeper, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_cancel_at_sleep(void) { return twin_run(main_); }
