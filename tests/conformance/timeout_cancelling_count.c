/* Task.cancelling() while an expired timeout is being handled: 1 inside
 * the scope in asyncio (the timeout calls task.cancel()), 0 after exit. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_task me = wasio_current_task();
  wasio_scope s;
  wasio_timeout_enter(&s, 1);
  twin_log("before: cancelling %d", wasio_task_cancelling(me));
  int rc = wasio_sleep(2);
  if (rc == WASIO_ECANCELLED)
    twin_log("fired: cancelling %d", wasio_task_cancelling(me));
  rc = wasio_timeout_exit(&s, rc);
  twin_log("scope -> %s", err(rc));
  twin_log("after: cancelling %d", wasio_task_cancelling(me));
  return 0;
}

int twin_timeout_cancelling_count(void) { return twin_run(main_); }
