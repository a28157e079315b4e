/* The body fails and a child fails while being cancelled for it: the
 * group's errors list the children's first, then the body's. */
#include "twin.h"

static int child(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) {
    twin_log("A cancelled, fails");
    return boom("a");
  }
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_taskgroup tg;
  wasio_task a;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, &a, child, NULL);
  int status = wasio_sleep(1);
  if (status == 0) {
    twin_log("body fails");
    status = boom("body");
  }
  int rc = wasio_taskgroup_exit(&tg, status);
  twin_log("exit -> %s", err(rc));
  twin_log("A %s", outcome(a));
  return 0;
}

int twin_group_error_order_body_fails(void) { return twin_run(main_); }
