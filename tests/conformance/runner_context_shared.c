/* wasio_runner's runs share one context: what run 1's main sets, run 2's
 * main sees; a run given its own fresh context sees only the defaults. */
#include "twin.h"

#include <stdio.h>

static wasio_contextvar var = WASIO_CONTEXTVAR("v", R(0));

static int setter(void *arg, void **result) {
  twin_log("run 1 v %d", I(wasio_contextvar_get(&var)));
  wasio_contextvar_set(&var, R(1), NULL);
  twin_log("run 1 set v %d", I(wasio_contextvar_get(&var)));
  return 0;
}

static int reader(void *arg, void **result) {
  twin_log("%s v %d", (const char *)arg, I(wasio_contextvar_get(&var)));
  wasio_contextvar_set(&var, R(I(wasio_contextvar_get(&var)) + 10), NULL);
  *result = wasio_contextvar_get(&var);
  return 0;
}

static void show(int rc, const wasio_outcome *o) {
  if (rc == 0)
    printf("main -> %s\n", result_of(rc, o->result));
  else
    printf("main -> error %s\n", err(rc));
  fflush(stdout);
}

int twin_runner_context_shared(void) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  wasio_runner runner;
  wasio_outcome o;
  wasio_runner_init(&runner, &opts);
  show(wasio_runner_run(&runner, setter, NULL, NULL, &o), &o);
  show(wasio_runner_run(&runner, reader, "run 2", NULL, &o), &o);
  wasio_context *fresh = wasio_context_new();
  show(wasio_runner_run(&runner, reader, "run 3 (fresh context)", fresh, &o),
       &o);
  wasio_context_release(fresh);
  show(wasio_runner_run(&runner, reader, "run 4", NULL, &o), &o);
  wasio_runner_close(&runner);
  return 0;
}
