/* wasio_runner: several runs on one loop. A task created by run 1 keeps
 * running during run 2 (the clock carries on), and close cancels it. */
#include "twin.h"

#include <stdio.h>

static wasio_task T;

static int ticker(void *arg, void **result) {
  for (int i = 1; i < 4; i++) {
    int rc = wasio_sleep(1);
    if (rc == WASIO_ECANCELLED) {
      twin_log("T cancelled");
      return rc;
    }
    twin_log("T tick %d", i);
  }
  return 0;
}

static int main1(void *arg, void **result) {
  wasio_create_task(&T, ticker, NULL);
  wasio_sleep(1.5);
  twin_log("run 1 end");
  *result = R(1);
  return 0;
}

static int main2(void *arg, void **result) {
  wasio_sleep(1);
  twin_log("run 2 end, T %s", outcome(T));
  *result = R(2);
  return 0;
}

static void report(wasio_loop *loop, const wasio_exception_context *c,
                   void *arg) {
  twin_log("handler %s %s", c->task ? c->task : "-",
           c->code == 0 ? "-" : c->code <= WASIO_EUSER
                                    ? "EUSER"
                                    : wasio_err_name(c->code));
}

static void show(int rc, const wasio_outcome *o) {
  if (rc == 0)
    printf("main -> %s\n", result_of(rc, o->result));
  else
    printf("main -> error %s\n", err(rc));
  fflush(stdout);
}

int twin_runner_task_survives_runs(void) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  wasio_runner runner;
  wasio_loop *loop;
  wasio_outcome o;
  wasio_runner_init(&runner, &opts);
  wasio_runner_get_loop(&runner, &loop);
  wasio_loop_set_exception_handler(loop, report, NULL);
  show(wasio_runner_run(&runner, main1, NULL, NULL, &o), &o);
  twin_log("between runs, T %s", outcome(T));
  show(wasio_runner_run(&runner, main2, NULL, NULL, &o), &o);
  wasio_runner_close(&runner);
  twin_log("closed"); /* T is freed with the loop */
  return 0;
}
