/* wasio_runner after close: close again is a no-op, but run and get_loop
 * are refused (asyncio: RuntimeError "Runner is closed"). */
#include "twin.h"

static int main_(void *arg, void **result) {
  twin_log("main runs");
  *result = R(1);
  return 0;
}

int twin_runner_run_after_close(void) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  wasio_runner runner;
  wasio_outcome o;
  wasio_loop *loop;
  wasio_runner_init(&runner, &opts);
  int rc = wasio_runner_run(&runner, main_, NULL, NULL, &o);
  twin_log("run -> %d", rc == 0 ? I(o.result) : rc);
  wasio_runner_close(&runner);
  rc = wasio_runner_close(&runner);
  twin_log("close twice -> %s", err(rc));
  rc = wasio_runner_run(&runner, main_, NULL, NULL, &o);
  twin_log("run after close -> %s", err(rc));
  rc = wasio_runner_get_loop(&runner, &loop);
  twin_log("get_loop after close -> %s", err(rc));
  return 0;
}
