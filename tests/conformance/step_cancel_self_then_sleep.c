/* cancel_self_then_sleep with a step task (see the .py). */
#include "twin.h"

static int worker(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  twin_log("T cancel self -> %d", wasio_cancel(wasio_current_task()));
  WASIO_STEP_TRY(s, wasio_step_sleep(s, 1));
  twin_log("T sleep -> %s", err(s->status));
  WASIO_STEP_END(s);
  *result = R(3);
  return 0;
}

static int other(void *arg, void **result) {
  twin_log("U runs");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t, u;
  void *value = NULL;
  wasio_create_step_task(&t, worker, NULL);
  wasio_create_task(&u, other, NULL);
  int rc = wasio_await(t, &value);
  twin_log("main await T -> %s", result_of(rc, value));
  wasio_await(u, NULL);
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_step_cancel_self_then_sleep(void) { return twin_run(main_); }
