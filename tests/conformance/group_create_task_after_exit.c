/* Spawning into a group that has exited is refused (RuntimeError in
 * asyncio), and nothing runs. */
#include "twin.h"

static int child(void *arg, void **result) {
  twin_log("%s runs", (const char *)arg);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_taskgroup tg;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, child, "A");
  int rc = wasio_taskgroup_exit(&tg, 0);
  twin_log("exit -> %s", err(rc));
  rc = wasio_taskgroup_spawn(&tg, NULL, child, "B");
  twin_log("spawn after exit -> %s", err(rc));
  wasio_sleep(1);
  twin_log("main end");
  return 0;
}

int twin_group_create_task_after_exit(void) { return twin_run(main_); }
