/* The task in asyncio.wait_for is cancelled from outside before the
 * deadline: the inner task is cancelled too; ECANCELLED, not ETIMEDOUT. */
#include "twin.h"

static int job(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) twin_log("T sleep -> ECANCELLED");
  return rc;
}

static int waiter(void *arg, void **result) {
  wasio_task t = *(wasio_task *)arg;
  twin_log("W wait_for -> %s", err(wasio_wait_for(t, 3, NULL)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t, w;
  wasio_create_task(&t, job, NULL);
  wasio_create_task(&w, waiter, &t);
  wasio_sleep(1);
  twin_log("cancel W -> %d", wasio_cancel(w));
  wasio_wait(&w, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("W %s T %s", outcome(w), outcome(t));
  return 0;
}

int twin_waitfor_caller_cancelled(void) { return twin_run(main_); }
