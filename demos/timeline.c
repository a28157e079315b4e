/* timeline (seed 001): tasks A (2 s), B (1 s) and C (3 s) three ways, with
 * a ticker task that ticks every half second to show when the loop is free.
 *   sync        time.sleep-style blocking calls: 6 s, and the ticker stalls
 *               (the loop cannot run it while a task blocks)
 *   sequential  await one after the other: 6 s, but the ticker keeps ticking
 *   gather      all three at once: 3 s, the longest of them */
#include "demo.h"

#include <string.h>

typedef struct job {
  const char *name;
  double seconds;
} job;

static int run_job(void *arg, void **result) {
  const job *j = arg;
  (void)result;
  demo_log("%s: start (%g s)", j->name, j->seconds);
  int rc = wasio_sleep(j->seconds);
  if (rc != 0) return rc;
  demo_log("%s: done", j->name);
  return 0;
}

static int ticker(void *arg, void **result) {
  int *ticks = arg;
  (void)result;
  for (;;) {
    int rc = wasio_sleep(0.5);
    if (rc != 0) return rc;
    demo_log("tick");
    ++*ticks;
  }
}

static int timeline_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  job jobs[3] = {{"A", 2}, {"B", 1}, {"C", 3}};
  wasio_task tick, t[3];
  int rc = 0, ticks = 0;
  if ((rc = demo_param_seconds(args, "A", 2, &jobs[0].seconds)) != 0 ||
      (rc = demo_param_seconds(args, "B", 1, &jobs[1].seconds)) != 0 ||
      (rc = demo_param_seconds(args, "C", 3, &jobs[2].seconds)) != 0)
    return rc;
  wasio_create_task(&tick, ticker, &ticks);
  wasio_task_set_name(tick, "ticker");
  wasio_sleep(0); /* let the ticker start */
  double t0 = wasio_now();
  if (strcmp(args->mode, "sync") == 0) {
    for (int i = 0; i < 3; i++) {
      demo_log("%s: start (%g s, blocking)", jobs[i].name, jobs[i].seconds);
      demo_block(jobs[i].seconds);
      demo_log("%s: done", jobs[i].name);
    }
  } else if (strcmp(args->mode, "sequential") == 0) {
    for (int i = 0; i < 3 && rc == 0; i++) rc = run_job(&jobs[i], NULL);
  } else {
    for (int i = 0; i < 3; i++) {
      wasio_create_task(&t[i], run_job, &jobs[i]);
      wasio_task_set_name(t[i], jobs[i].name);
    }
    rc = wasio_gather(t, 3, NULL);
    for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  }
  demo_log("all done in %.1f s (%s); the ticker ticked %d time%s", wasio_now() - t0,
           args->mode, ticks, ticks == 1 ? "" : "s");
  wasio_cancel(tick);
  wasio_await(tick, NULL);
  wasio_task_release(tick);
  return rc;
}

static const char *const modes[] = {"gather", "sequential", "sync", NULL};

const wasio_demo demo_timeline = {
    .name = "timeline",
    .summary = "A 2 s, B 1 s, C 3 s: blocking, sequential awaits, gather",
    .seed = "001",
    .modes = modes,
    .main = timeline_main,
    .params = "A=2, B=1, C=3",
};
