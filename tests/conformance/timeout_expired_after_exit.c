/* Timeout.expired() read after the scope has exited: true for the scope
 * whose deadline fired, false for the one that finished in time. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope fired, in_time;
  wasio_timeout_enter(&fired, 1);
  int rc = wasio_timeout_exit(&fired, wasio_sleep(2));
  twin_log("fired -> %s", err(rc));
  wasio_timeout_enter(&in_time, 5);
  rc = wasio_timeout_exit(&in_time, wasio_sleep(1));
  twin_log("in time -> %s", err(rc));
  twin_log("after exit: fired expired %d in time expired %d",
           wasio_timeout_expired(&fired), wasio_timeout_expired(&in_time));
  return 0;
}

int twin_timeout_expired_after_exit(void) { return twin_run(main_); }
