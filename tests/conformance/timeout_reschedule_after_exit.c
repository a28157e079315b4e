/* reschedule() on a timeout after its scope exited (one that finished in
 * time, one that fired): ESTATE both times, as asyncio's RuntimeError. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope in_time, fired;
  wasio_timeout_enter(&in_time, 5);
  int rc = wasio_timeout_exit(&in_time, wasio_sleep(1));
  twin_log("in time -> %s", err(rc));
  rc = wasio_timeout_reschedule(&in_time, wasio_now() + 1);
  twin_log("reschedule in time -> %s", err(rc));
  wasio_timeout_enter(&fired, 1);
  rc = wasio_timeout_exit(&fired, wasio_sleep(5));
  twin_log("fired -> %s", err(rc));
  rc = wasio_timeout_reschedule(&fired, wasio_now() + 1);
  twin_log("reschedule fired -> %s", err(rc));
  twin_log("sleep -> %s", err(wasio_sleep(3)));
  return 0;
}

int twin_timeout_reschedule_after_exit(void) { return twin_run(main_); }
