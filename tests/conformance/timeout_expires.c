/* asyncio.timeout(1) around a 2 s sleep: cancelled at 1.000, the scope
 * turns it into ETIMEDOUT; expired() is true inside the scope. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, 1);
  twin_log("when %.3f expired %d", wasio_timeout_when(&s),
           wasio_timeout_expired(&s));
  int rc = wasio_sleep(2);
  if (rc == WASIO_ECANCELLED)
    twin_log("sleep -> ECANCELLED expired %d", wasio_timeout_expired(&s));
  else
    twin_log("sleep -> %s", err(rc));
  rc = wasio_timeout_exit(&s, rc);
  twin_log("scope -> %s", err(rc));
  twin_log("cancelling %d", wasio_task_cancelling(wasio_current_task()));
  return 0;
}

int twin_timeout_expires(void) { return twin_run(main_); }
