/* asyncio.timeout_at() with a deadline in the past (1.000 entered at
 * 2.000): the first await point inside fails at once -> ETIMEDOUT. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_sleep(2);
  wasio_scope s;
  wasio_timeout_at_enter(&s, 1);
  twin_log("when %.3f expired %d", wasio_timeout_when(&s),
           wasio_timeout_expired(&s));
  int rc = wasio_sleep(1);
  twin_log("sleep done: expired %d", wasio_timeout_expired(&s));
  rc = wasio_timeout_exit(&s, rc);
  twin_log("scope -> %s", err(rc));
  return 0;
}

int twin_timeout_at_past(void) { return twin_run(main_); }
