/* bad_vs_better (seed 000, and seed 003's mistakes 1 and 3): three jobs of
 * one second each.
 *   bad     wasio_run once per job, as repeated asyncio.run() calls: three
 *           fresh loops, one after the other: 3 s
 *   better  one wasio_run whose main gathers the three: one loop, 1 s */
#include "demo.h"

#include <stdio.h>
#include <string.h>

static double loop_end; /* the loop's clock when its main finished */

static int job(void *arg, void **result) {
  (void)result;
  demo_log("job %s: start", (const char *)arg);
  int rc = wasio_sleep(1);
  if (rc == 0) demo_log("job %s: done", (const char *)arg);
  loop_end = wasio_now();
  return rc;
}

static const char *const names[3] = {"1", "2", "3"};

static int gather_jobs(void *arg, void **result) {
  wasio_task t[3];
  (void)arg;
  (void)result;
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], job, (void *)names[i]);
  int rc = wasio_gather(t, 3, NULL);
  for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  loop_end = wasio_now();
  return rc;
}

static int bad_vs_better(const demo_args *args) {
  double total = 0;
  int loops = 0, rc = 0;
  char line[96];
  /* Each wasio_run has a fresh loop whose clock starts at 0: add them up. */
  if (strcmp(args->mode, "bad") == 0) {
    demo_say("bad: one run() per job, each with a fresh loop");
    for (int i = 0; i < 3 && rc == 0; i++) {
      rc = wasio_run(job, (void *)names[i], args->opts, NULL);
      total += loop_end;
      loops++;
    }
  } else {
    demo_say("better: one run(); main gathers the three jobs");
    rc = wasio_run(gather_jobs, NULL, args->opts, NULL);
    total = loop_end;
    loops = 1;
  }
  if (rc != 0) return rc;
  snprintf(line, sizeof line, "%s: %d loop%s, %.1f s in all", args->mode,
           loops, loops == 1 ? "" : "s", total);
  demo_say("%s", line);
  return 0;
}

static const char *const modes[] = {"bad", "better", NULL};

const wasio_demo demo_bad_vs_better = {
    .name = "bad_vs_better",
    .summary = "one run() per job (3 loops, 3 s) vs one main that gathers",
    .seed = "000, 003",
    .modes = modes,
    .plain_main = bad_vs_better,
};
