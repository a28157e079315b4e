/* asyncio.wait_for on a task that finishes in time: its result; the
 * unused deadline never fires later. */
#include "twin.h"

static int job(void *arg, void **result) {
  wasio_sleep(1);
  twin_log("T done");
  *result = R(7);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  void *r = NULL;
  wasio_create_task(&t, job, NULL);
  int rc = wasio_wait_for(t, 2, &r);
  twin_log("wait_for -> %s", result_of(rc, r));
  twin_log("sleep past the deadline -> %s", err(wasio_sleep(2)));
  twin_log("cancelling %d", wasio_task_cancelling(wasio_current_task()));
  return 0;
}

int twin_waitfor_on_time(void) { return twin_run(main_); }
