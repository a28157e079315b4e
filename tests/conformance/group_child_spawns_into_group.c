/* The crawler pattern: a child spawns into its own group, so each node
 * spawns the next fetch into the same group; exit waits for them all. */
#include "twin.h"

static wasio_taskgroup tg;
static int depths[] = {1, 2, 3};

static int node(void *arg, void **result) {
  int depth = *(int *)arg;
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("node %d fetched", depth);
  if (depth < 3) {
    rc = wasio_taskgroup_spawn(&tg, NULL, node, &depths[depth]);
    twin_log("node %d spawn -> %s", depth, err(rc));
  }
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, node, &depths[0]);
  twin_log("body end");
  int rc = wasio_taskgroup_exit(&tg, 0);
  twin_log("exit -> %s", err(rc));
  return 0;
}

int twin_group_child_spawns_into_group(void) { return twin_run(main_); }
