/* asyncio.wait_for times out but the inner task swallows the cancellation
 * and returns 5 after 1 s: CPython's wait_for returns that result. */
#include "twin.h"

static int job(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) {
    twin_log("T cancelled, swallowing");
    wasio_task_uncancel(wasio_current_task());
    wasio_sleep(1);
    *result = R(5);
    return 0;
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
  twin_log("T %s cancelling %d", outcome(t),
           wasio_task_cancelling(wasio_current_task()));
  return 0;
}

int twin_waitfor_inner_swallows(void) { return twin_run(main_); }
