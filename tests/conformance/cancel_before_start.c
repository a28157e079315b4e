/* Cancelling a task before it ever ran (see the .py). */
#include "twin.h"

static int body(void *arg, void **result) {
  twin_log("T body runs");
  *result = R(1);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, body, NULL);
  int rc = wasio_cancel(t);
  twin_log("main cancel -> %d done %d cancelling %d", rc,
           wasio_task_state(t) == WASIO_TASK_DONE, wasio_task_cancelling(t));
  rc = wasio_cancel(t);
  twin_log("main cancel again -> %d cancelling %d", rc,
           wasio_task_cancelling(t));
  rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s cancel after done -> %d", outcome(t), wasio_cancel(t));
  return 0;
}

int twin_cancel_before_start(void) { return twin_run(main_); }
