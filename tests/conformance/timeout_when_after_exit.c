/* Timeout.when() read after the scope has exited: the deadline it had,
 * whether it fired (1.000) or not (6.000). */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope fired, in_time;
  wasio_timeout_enter(&fired, 1);
  int rc = wasio_timeout_exit(&fired, wasio_sleep(2));
  twin_log("fired -> %s", err(rc));
  wasio_timeout_enter(&in_time, 5);
  rc = wasio_timeout_exit(&in_time, wasio_sleep(1));
  twin_log("in time -> %s", err(rc));
  twin_log("after exit: fired when %.3f in time when %.3f",
           wasio_timeout_when(&fired), wasio_timeout_when(&in_time));
  return 0;
}

int twin_timeout_when_after_exit(void) { return twin_run(main_); }
