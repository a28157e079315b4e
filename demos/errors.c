/* errors (seed 003 §4.3, §7.4): an error in one of several tasks.
 *   catch              try/except: the awaiter handles it and carries on
 *   gather             the first error is raised at once; the others run on
 *   return_exceptions  every outcome, failures included, in order
 *   taskgroup          the first failure cancels the siblings; all failures
 *                      are reported together
 *   uncaught           nobody catches it: main fails, the CLI exits with 1 */
#include "demo.h"

#include <string.h>

typedef struct attempt {
  int fail;
  double delay;
} attempt;

static int might_fail(void *arg, void **result) {
  const attempt *a = arg;
  int rc = wasio_sleep(a->delay);
  if (rc != 0) {
    demo_log("task (%.1f s): cancelled", a->delay);
    return rc;
  }
  if (a->fail) return wasio_fail(WASIO_EUSER - 1, "task failed (%.1f s)", a->delay);
  *result = "ok";
  return 0;
}

static int errors_main(void *arg, void **result) {
  const demo_args *args = arg;
  attempt a[3] = {{0, 0.1}, {1, 0.2}, {0, 0.3}};
  wasio_task t[3];
  int rc;
  (void)result;
  if (strcmp(args->mode, "uncaught") == 0) {
    attempt bad = {1, 0.1};
    return might_fail(&bad, NULL); /* the error goes up, message and all */
  }
  if (strcmp(args->mode, "catch") == 0) {
    attempt bad = {1, 0.1};
    rc = might_fail(&bad, NULL);
    if (rc != 0) demo_log("caught: %s", wasio_error_message());
    demo_log("main carries on");
    return 0;
  }
  if (strcmp(args->mode, "taskgroup") == 0) {
    wasio_taskgroup tg;
    a[2].fail = 1;
    a[2].delay = 0.2;
    a[0].delay = 0.5;
    wasio_taskgroup_enter(&tg);
    for (int i = 0; i < 3; i++) wasio_taskgroup_spawn(&tg, NULL, might_fail, &a[i]);
    rc = wasio_taskgroup_exit(&tg, 0);
    demo_log("taskgroup: %s: %s", wasio_err_name(rc), wasio_error_message());
    for (size_t i = 0; i < wasio_taskgroup_error_count(&tg); i++) {
      wasio_outcome out;
      wasio_taskgroup_error(&tg, i, &out);
      demo_log("  error %zu: %s", i + 1, out.message);
    }
    return 0;
  }
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], might_fail, &a[i]);
  if (strcmp(args->mode, "gather") == 0) {
    rc = wasio_gather(t, 3, NULL);
    demo_log("gather raised: %s: %s", wasio_err_name(rc), wasio_error_message());
    wasio_gather_outcomes(t, 3, (wasio_outcome[3]){0}); /* let the rest end */
    demo_log("the other tasks ran on to their end");
  } else {
    wasio_outcome out[3];
    wasio_gather_outcomes(t, 3, out);
    for (int i = 0; i < 3; i++)
      demo_log("task %d: %s", i, out[i].status == 0 ? (char *)out[i].result
                                                     : out[i].message);
  }
  for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  return 0;
}

static const char *const modes[] = {"catch", "gather", "return_exceptions",
                                    "taskgroup", "uncaught", NULL};

const wasio_demo demo_errors = {
    .name = "errors",
    .summary = "an error among gathered tasks, with and without "
               "return_exceptions; TaskGroup",
    .seed = "003",
    .modes = modes,
    .main = errors_main,
};
