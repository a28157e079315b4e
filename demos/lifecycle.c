/* lifecycle (seeds 000 and 003): the steps of asyncio.run() as they happen.
 * Debug mode's step lines are shown among the demo's own: the check for a
 * running loop, the fresh loop, main wrapped in a task and run, the pending
 * heartbeat cancelled (its cleanup runs), the shutdown hook closing the
 * database connection main left open, the loop closed. */
#include "demo.h"

static void close_db(void *arg) {
  (void)arg;
  demo_log("db: connection closed by the shutdown hook");
}

static int heartbeat(void *arg, void **result) {
  (void)arg;
  (void)result;
  for (int beat = 1;; beat++) {
    int rc = wasio_sleep(0.4);
    if (rc != 0) {
      demo_log("heartbeat: cancelled after %d beats; cleanup runs", beat - 1);
      return rc;
    }
    demo_log("heartbeat %d", beat);
  }
}

static int lifecycle_main(void *arg, void **result) {
  static wasio_resource db;
  (void)arg;
  demo_log("main: running as a task; opening a db connection");
  wasio_resource_register(&db, "db connection", close_db, NULL);
  wasio_create_task(NULL, heartbeat, NULL);
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  demo_log("main: returning \"ok\" (the heartbeat and the connection are "
           "still open)");
  *result = "ok";
  return 0;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_lifecycle = {
    .name = "lifecycle",
    .summary = "the steps of asyncio.run() printed as they happen",
    .seed = "000, 003",
    .modes = modes,
    .main = lifecycle_main,
    .debug_log = 1,
};
