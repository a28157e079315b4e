/* asyncio.timeout(None) (INFINITY) never fires until rescheduled; and
 * timeout(1) rescheduled to None (INFINITY) never fires. */
#include "twin.h"

#include <math.h>
#include <stdio.h>

static const char *show(double w) {
  static char b[2][32];
  static int turn;
  char *s = b[turn++ % 2];
  if (isinf(w))
    snprintf(s, 32, "none");
  else
    snprintf(s, 32, "%.3f", w);
  return s;
}

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, INFINITY);
  twin_log("when %s", show(wasio_timeout_when(&s)));
  twin_log("sleep(1) -> %s", err(wasio_sleep(1)));
  wasio_timeout_reschedule(&s, wasio_now() + 1);
  twin_log("rescheduled: when %s", show(wasio_timeout_when(&s)));
  int rc = wasio_sleep(5);
  twin_log("sleep(5) done: expired %d", wasio_timeout_expired(&s));
  rc = wasio_timeout_exit(&s, rc);
  twin_log("armed later -> %s", err(rc));

  wasio_timeout_enter(&s, 1);
  wasio_timeout_reschedule(&s, INFINITY);
  twin_log("rescheduled: when %s", show(wasio_timeout_when(&s)));
  twin_log("sleep(2) -> %s", err(wasio_sleep(2)));
  int expired = wasio_timeout_expired(&s);
  rc = wasio_timeout_exit(&s, 0);
  twin_log("expired %d", expired);
  twin_log("disarmed -> %s", err(rc));
  return 0;
}

int twin_timeout_infinite_reschedule(void) { return twin_run(main_); }
