/* cancel_at_await_task with a step task awaiting (see the .py). */
#include "twin.h"

static wasio_task C;

static int child(void *arg, void **result) {
  int rc = wasio_sleep(2);
  if (rc != 0) twin_log("C sleep -> %s", err(rc));
  return rc;
}

static int parent(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  wasio_create_task(&C, child, NULL);
  WASIO_STEP_TRY(s, wasio_step_await(s, C));
  if (s->status != 0)
    twin_log("T await C -> %s, C %s", err(s->status), outcome(C));
  WASIO_STEP_END(s);
  return s->status;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_step_task(&t, parent, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  twin_log("C %s cancelling %d", outcome(C), wasio_task_cancelling(C));
  return 0;
}

int twin_step_cancel_at_await_task(void) { return twin_run(main_); }
