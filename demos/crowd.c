/* crowd (hosts issue): thousands of tasks, each computing a little and
 * yielding, so that a single step of the loop has a lot to do. On the JS
 * host a step hands control back after its time slice (8 ms), so a page
 * stays responsive; the CLI runs it as fast as it can. A slice ends
 * between tasks, never inside one: main, which creates them all, yields
 * once per thousand (asyncio's advice for a long loop in a task).
 *   modes: 1000, 10000 (tasks) */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

static volatile unsigned sink;

static int worker(void *arg, void **result) {
  (void)arg;
  (void)result;
  for (int round = 0; round < 10; round++) {
    unsigned h = 2166136261u;
    for (int i = 0; i < 400; i++) h = (h ^ (unsigned)i) * 16777619u;
    sink += h;
    int rc = wasio_sleep(0);
    if (rc != 0) return rc;
  }
  return 0;
}

static int crowd_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  size_t n = (size_t)atoi(args->mode);
  wasio_task *tasks = malloc(n * sizeof *tasks);
  if (tasks == NULL) return wasio_fail(WASIO_ENOMEM, "no memory for %zu tasks", n);
  demo_log("starting %zu tasks, 10 rounds each", n);
  int rc = 0;
  size_t made = 0;
  for (; made < n && rc == 0; made++) {
    rc = wasio_create_task(&tasks[made], worker, NULL);
    if (rc == 0 && made % 1000 == 999) rc = wasio_sleep(0);
  }
  if (rc == 0) rc = wasio_gather(tasks, made, NULL);
  for (size_t i = 0; i < made; i++) wasio_task_release(tasks[i]);
  free(tasks);
  if (rc == 0) demo_log("all %zu tasks done", n);
  return rc;
}

static const char *const modes[] = {"1000", "10000", NULL};

const wasio_demo demo_crowd = {
    .name = "crowd",
    .summary = "thousands of busy tasks; the JS host stays responsive",
    .seed = "wasio: hosts",
    .modes = modes,
    .main = crowd_main,
};
