/* asyncio.wait_for times out at 1.000 but the inner task takes 1 s to
 * clean up first: wait_for returns ETIMEDOUT only at 2.000. */
#include "twin.h"

static int job(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) {
    twin_log("T cancelled, cleaning up");
    wasio_task_uncancel(wasio_current_task());
    wasio_sleep(1);
    twin_log("T cleanup done");
    return rc;
  }
  *result = R(7);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  void *r = NULL;
  wasio_create_task(&t, job, NULL);
  int rc = wasio_wait_for(t, 1, &r);
  twin_log("wait_for -> %s", result_of(rc, r));
  twin_log("T %s", outcome(t));
  return 0;
}

int twin_waitfor_slow_cancel(void) { return twin_run(main_); }
