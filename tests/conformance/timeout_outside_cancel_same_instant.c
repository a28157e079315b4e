/* A timeout fires and an outside cancel arrives at the same instant, while
 * the task is ready to resume: it ends cancelled, not ETIMEDOUT. */
#include "twin.h"

static wasio_task W;

static int worker(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, 1);
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) twin_log("W sleep -> ECANCELLED");
  int expired = wasio_timeout_expired(&s);
  rc = wasio_timeout_exit(&s, rc);
  if (rc != 0)
    twin_log("W scope -> %s expired %d cancelling %d", err(rc), expired,
             wasio_task_cancelling(wasio_current_task()));
  return rc;
}

static int canceller(void *arg, void **result) {
  wasio_sleep(1); /* armed before W's timeout: U runs first at 1.000 */
  twin_log("U cancel W -> %d", wasio_cancel(W));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task u, both[2];
  wasio_create_task(&u, canceller, NULL);
  wasio_create_task(&W, worker, NULL);
  both[0] = W;
  both[1] = u;
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("W %s", outcome(W));
  return 0;
}

int twin_timeout_outside_cancel_same_instant(void) { return twin_run(main_); }
