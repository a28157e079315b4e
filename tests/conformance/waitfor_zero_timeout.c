/* asyncio.wait_for(t, 0) on a running task: cancelled and awaited at once,
 * then ETIMEDOUT. */
#include "twin.h"

static int job(void *arg, void **result) {
  twin_log("T starts");
  int rc = wasio_sleep(1);
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
  wasio_sleep(0); /* T starts and sleeps */
  int rc = wasio_wait_for(t, 0, &r);
  twin_log("wait_for -> %s", result_of(rc, r));
  twin_log("T %s", outcome(t));
  return 0;
}

int twin_waitfor_zero_timeout(void) { return twin_run(main_); }
