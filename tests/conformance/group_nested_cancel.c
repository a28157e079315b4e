/* Nested groups: a child of the outer group waits in an inner group's exit
 * when its sibling fails; the cancellation reaches the inner group's child,
 * the inner exit fails ECANCELLED and the outer one reports only the error. */
#include "twin.h"

static int leaf(void *arg, void **result) {
  int rc = wasio_sleep(5);
  twin_log("leaf sleep -> %s", err(rc));
  return WASIO_ECANCELLED; /* ends cancelled, as the .py's raise */
}

static int middle(void *arg, void **result) {
  wasio_taskgroup inner;
  wasio_taskgroup_enter(&inner);
  wasio_taskgroup_spawn(&inner, NULL, leaf, NULL);
  int rc = wasio_taskgroup_exit(&inner, 0);
  if (rc != 0) twin_log("inner exit -> %s", err(rc));
  return rc;
}

static int failer(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("Z fails");
  return boom("z");
}

static int main_(void *arg, void **result) {
  wasio_taskgroup tg;
  wasio_task m;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, &m, middle, NULL);
  wasio_taskgroup_spawn(&tg, NULL, failer, NULL);
  int rc = wasio_taskgroup_exit(&tg, 0);
  twin_log("outer exit -> %s", err(rc));
  twin_log("middle %s", outcome(m));
  return 0;
}

int twin_group_nested_cancel(void) { return twin_run(main_); }
