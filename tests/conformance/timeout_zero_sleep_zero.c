/* asyncio.timeout(0) around sleep(0): the deadline is already due, so the
 * sleep(0) itself fails and the scope turns that into ETIMEDOUT. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, 0);
  int rc = wasio_sleep(0);
  if (rc != 0) {
    twin_log("sleep(0) -> %s expired %d", err(rc), wasio_timeout_expired(&s));
  } else {
    twin_log("sleep(0) -> ok expired %d", wasio_timeout_expired(&s));
    rc = wasio_sleep(1);
    if (rc == 0) twin_log("sleep(1) -> ok");
  }
  rc = wasio_timeout_exit(&s, rc);
  twin_log("scope -> %s", err(rc));
  return 0;
}

int twin_timeout_zero_sleep_zero(void) { return twin_run(main_); }
