/* asyncio.timeout(-1): a deadline already past. No await point: ok, not
 * expired; an await point: cancelled at once, ETIMEDOUT. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, -1);
  twin_log("when %.3f", wasio_timeout_when(&s));
  int expired = wasio_timeout_expired(&s);
  int rc = wasio_timeout_exit(&s, 0);
  twin_log("no await: expired %d", expired);
  twin_log("no await -> %s", err(rc));

  wasio_timeout_enter(&s, -1);
  rc = wasio_sleep(1);
  twin_log("sleep done: expired %d", wasio_timeout_expired(&s));
  rc = wasio_timeout_exit(&s, rc);
  twin_log("awaits -> %s", err(rc));
  return 0;
}

int twin_timeout_negative(void) { return twin_run(main_); }
