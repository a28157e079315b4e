/* Nested timeouts, the inner one (1 s) expires first: the inner scope
 * reports ETIMEDOUT; the outer one (3 s) keeps running and expires later. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope outer, in;
  wasio_timeout_enter(&outer, 3);
  wasio_timeout_enter(&in, 1);
  int rc = wasio_sleep(5);
  twin_log("inner sleep done: inner expired %d outer expired %d",
           wasio_timeout_expired(&in), wasio_timeout_expired(&outer));
  rc = wasio_timeout_exit(&in, rc);
  twin_log("inner -> %s", err(rc));
  rc = wasio_sleep(5);
  twin_log("outer sleep done: outer expired %d",
           wasio_timeout_expired(&outer));
  rc = wasio_timeout_exit(&outer, rc);
  twin_log("outer -> %s", err(rc));
  twin_log("cancelling %d", wasio_task_cancelling(wasio_current_task()));
  return 0;
}

int twin_timeout_nested_inner_first(void) { return twin_run(main_); }
