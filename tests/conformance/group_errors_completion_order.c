/* The group's errors come in the order the children failed, not the order
 * they were created: B (created second) fails first, A fails in its cleanup. */
#include "twin.h"

static int a_child(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) {
    twin_log("A cancelled, fails");
    return boom("a");
  }
  return rc;
}

static int b_child(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("B fails");
  return boom("b");
}

static int main_(void *arg, void **result) {
  wasio_taskgroup tg;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, a_child, NULL);
  wasio_taskgroup_spawn(&tg, NULL, b_child, NULL);
  int rc = wasio_taskgroup_exit(&tg, 0);
  twin_log("exit -> %s", err(rc));
  return 0;
}

int twin_group_errors_completion_order(void) { return twin_run(main_); }
