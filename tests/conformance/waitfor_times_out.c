/* asyncio.wait_for times out: the inner task is cancelled and awaited,
 * then ETIMEDOUT. */
#include "twin.h"

static int job(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) {
    twin_log("T sleep -> ECANCELLED");
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
  twin_log("cancelling %d", wasio_task_cancelling(wasio_current_task()));
  return 0;
}

int twin_waitfor_times_out(void) { return twin_run(main_); }
