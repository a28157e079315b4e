/* cancel_at_sleep with a step task (see the .py). */
#include "twin.h"

static int sleeper(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_TRY(s, wasio_step_sleep(s, 1));
  twin_log("T sleep -> %s", err(s->status));
  WASIO_STEP_END(s);
  return s->status;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_step_task(&t, sleeper, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_step_cancel_at_sleep(void) { return twin_run(main_); }
