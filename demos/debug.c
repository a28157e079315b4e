/* debug (seeds 002 and 003 §4.4): what debug mode catches, shown among the
 * demo's lines: a task that blocks the loop for 150 ms (a slow callback,
 * over the 100 ms threshold), and a task created and never awaited (the C
 * counterpart of "coroutine was never awaited"). */
#include "demo.h"

static int forgotten(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_sleep(0.1);
}

static int blocks(void *arg, void **result) {
  (void)arg;
  (void)result;
  demo_log("blocker: computing for 150 ms without yielding");
  demo_block(0.15);
  return 0;
}

static int debug_main(void *arg, void **result) {
  wasio_task lost, b;
  (void)arg;
  (void)result;
  demo_log("main: creating a task and forgetting to await it");
  wasio_create_task(&lost, forgotten, NULL); /* the handle is never used */
  wasio_create_task(&b, blocks, NULL);
  int rc = wasio_await(b, NULL);
  wasio_task_release(b);
  if (rc == 0) rc = wasio_sleep(0.2);
  demo_log("main: done");
  return rc;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_debug = {
    .name = "debug",
    .summary = "debug mode catches a slow callback and a never-awaited task",
    .seed = "002, 003",
    .modes = modes,
    .main = debug_main,
    .debug_log = 1,
};
