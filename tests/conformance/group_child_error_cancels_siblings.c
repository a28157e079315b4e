/* The first child to fail cancels its siblings and the body: each of them
 * sees ECANCELLED at its await point, at the instant of the failure. */
#include "twin.h"

static int failer(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("A fails");
  return boom("a");
}

static int sleeper(void *arg, void **result) {
  int rc = wasio_sleep(5);
  twin_log("B sleep -> %s", err(rc));
  return WASIO_ECANCELLED; /* ends cancelled, as the .py's raise */
}

static int main_(void *arg, void **result) {
  wasio_taskgroup tg;
  wasio_task a, b;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, &a, failer, NULL);
  wasio_taskgroup_spawn(&tg, &b, sleeper, NULL);
  twin_log("body sleep -> %s", err(wasio_sleep(10)));
  int rc = wasio_taskgroup_exit(&tg, 0);
  twin_log("exit -> %s", err(rc));
  twin_log("A %s B %s", outcome(a), outcome(b));
  return 0;
}

int twin_group_child_error_cancels_siblings(void) { return twin_run(main_); }
