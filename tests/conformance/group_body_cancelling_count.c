/* While a child's failure cancels the body, the body's task counts one
 * cancellation request (cancelling 1); after the group exits it is 0 again. */
#include "twin.h"

static int failer(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  return boom("a");
}

static int main_(void *arg, void **result) {
  wasio_task me = wasio_current_task();
  wasio_taskgroup tg;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, failer, NULL);
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED)
    twin_log("body sleep -> ECANCELLED cancelling %d",
             wasio_task_cancelling(me));
  rc = wasio_taskgroup_exit(&tg, rc);
  twin_log("exit -> %s", err(rc));
  twin_log("after cancelling %d", wasio_task_cancelling(me));
  return 0;
}

int twin_group_body_cancelling_count(void) { return twin_run(main_); }
