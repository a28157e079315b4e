/* cancel_at_event_wait with a step task (see the .py). */
#include "twin.h"

static wasio_event EV;

static int waiter(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_TRY(s, wasio_step_event_wait(s, &EV));
  twin_log("T wait -> %s", err(s->status));
  WASIO_STEP_END(s);
  return s->status;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_event_init(&EV);
  wasio_create_step_task(&t, waiter, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  wasio_event_set(&EV);
  wasio_sleep(0);
  twin_log("T %s event set %d", outcome(t), wasio_event_is_set(&EV));
  return 0;
}

int twin_step_cancel_at_event_wait(void) { return twin_run(main_); }
