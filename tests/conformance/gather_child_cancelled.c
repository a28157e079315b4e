/* A child of gather is cancelled (not the gathering task): gather returns
 * ECANCELLED at once, the other child runs on, the caller is not
 * cancelled. */
#include "twin.h"

static int job(void *arg, void **result) {
  int rc = wasio_sleep(I(arg));
  if (rc != 0) return rc;
  *result = arg;
  return 0;
}

static void cancel_cb(void *arg) { wasio_cancel(*(wasio_task *)arg); }

static int main_(void *arg, void **result) {
  wasio_task ts[2];
  wasio_create_task(&ts[0], job, R(5));
  wasio_create_task(&ts[1], job, R(3));
  wasio_call_later(NULL, 1, cancel_cb, &ts[0]);
  twin_log("gather -> %s", err(wasio_gather(ts, 2, NULL)));
  twin_log("cancelling %d A %s B %s",
           wasio_task_cancelling(wasio_current_task()), outcome(ts[0]),
           outcome(ts[1]));
  twin_log("sleep -> %s", err(wasio_sleep(3)));
  twin_log("B %s", outcome(ts[1]));
  return 0;
}

int twin_gather_child_cancelled(void) { return twin_run(main_); }
