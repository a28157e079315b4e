/* A task running a TaskGroup is cancelled from outside: the body and its
 * child see ECANCELLED, and the group's exit propagates the cancellation. */
#include "twin.h"

static int child(void *arg, void **result) {
  int rc = wasio_sleep(5);
  twin_log("%s sleep -> %s", (const char *)arg, err(rc));
  return WASIO_ECANCELLED; /* ends cancelled, as the .py's raise */
}

static int runner(void *arg, void **result) {
  wasio_taskgroup tg;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, child, "A");
  int rc = wasio_sleep(10);
  if (rc != 0) twin_log("body sleep -> %s", err(rc));
  rc = wasio_taskgroup_exit(&tg, rc);
  twin_log("exit -> %s", err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, runner, NULL);
  wasio_sleep(1);
  twin_log("cancel -> %d", wasio_cancel(t));
  twin_log("await T -> %s", err(wasio_await(t, NULL)));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_group_cancelled_from_outside(void) { return twin_run(main_); }
