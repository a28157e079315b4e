/* asyncio.timeout(2) around a 1 s sleep: the scope exits cleanly and its
 * deadline no longer fires afterwards. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, 2);
  twin_log("sleep -> %s", err(wasio_sleep(1)));
  twin_log("expired %d", wasio_timeout_expired(&s));
  int rc = wasio_timeout_exit(&s, 0);
  twin_log("scope -> %s", result_of(rc, R(7)));
  twin_log("sleep past the deadline -> %s", err(wasio_sleep(3)));
  twin_log("cancelling %d", wasio_task_cancelling(wasio_current_task()));
  return 0;
}

int twin_timeout_not_expired(void) { return twin_run(main_); }
