/* The task catches the timeout's cancellation inside the scope and goes
 * on: awaits again in the scope, then exits it without an error. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, 1);
  int rc = wasio_sleep(2);
  if (rc == WASIO_ECANCELLED) twin_log("sleep(2) -> ECANCELLED, swallowed");
  twin_log("sleep(1) in the scope -> %s", err(wasio_sleep(1)));
  int expired = wasio_timeout_expired(&s);
  rc = wasio_timeout_exit(&s, 0);
  if (rc == 0)
    twin_log("expired %d cancelling %d", expired,
             wasio_task_cancelling(wasio_current_task()));
  twin_log("scope -> %s", result_of(rc, R(3)));
  twin_log("sleep(1) after -> %s", err(wasio_sleep(1)));
  return 0;
}

int twin_timeout_catch_inside(void) { return twin_run(main_); }
