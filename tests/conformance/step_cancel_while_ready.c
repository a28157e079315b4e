/* cancel_while_ready with a step task (see the .py). */
#include "twin.h"

static wasio_task T;

static int sleeper(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_TRY(s, wasio_step_sleep(s, 1));
  twin_log("T sleep -> %s", err(s->status));
  WASIO_STEP_END(s);
  if (s->status != 0) return s->status;
  *result = R(1);
  return 0;
}

static int canceller(void *arg, void **result) {
  wasio_sleep(1); /* armed before T's: U runs first at 1.000 */
  int rc = wasio_cancel(T);
  twin_log("U cancel -> %d cancelling %d", rc, wasio_task_cancelling(T));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task u, both[2];
  wasio_create_task(&u, canceller, NULL);
  wasio_create_step_task(&T, sleeper, NULL);
  both[0] = T;
  both[1] = u;
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("T %s cancelling %d", outcome(T), wasio_task_cancelling(T));
  return 0;
}

int twin_step_cancel_while_ready(void) { return twin_run(main_); }
