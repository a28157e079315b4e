/* runner (seed 002): asyncio.Runner: several mains on one loop, one shared
 * context. The first main sets a task-local "user"; the second sees it; a
 * background task the first one left behind keeps running across runs and
 * is cancelled only when the runner closes. */
#include "demo.h"

#include <stdio.h>

static wasio_contextvar user = WASIO_CONTEXTVAR("user", "nobody");

static int background(void *arg, void **result) {
  (void)arg;
  (void)result;
  for (int i = 1;; i++) {
    int rc = wasio_sleep(0.4);
    if (rc != 0) {
      demo_log("background: cancelled by close(); cleanup runs");
      return rc;
    }
    demo_log("background: beat %d (user is %s)", i,
             (const char *)wasio_contextvar_get(&user));
  }
}

static int first(void *arg, void **result) {
  (void)arg;
  (void)result;
  demo_log("run 1: user is %s; setting it to ada",
           (const char *)wasio_contextvar_get(&user));
  wasio_contextvar_set(&user, "ada", NULL);
  wasio_create_task(NULL, background, NULL);
  return wasio_sleep(0.5);
}

static int second(void *arg, void **result) {
  (void)arg;
  (void)result;
  demo_log("run 2: same loop, same context: user is %s",
           (const char *)wasio_contextvar_get(&user));
  return wasio_sleep(0.5);
}

static int runner_demo(const demo_args *args) {
  wasio_runner r;
  wasio_loop *loop1, *loop2;
  int rc = wasio_runner_init(&r, args->opts);
  if (rc == 0) rc = wasio_runner_run(&r, first, NULL, NULL, NULL);
  if (rc == 0) wasio_runner_get_loop(&r, &loop1);
  if (rc == 0) rc = wasio_runner_run(&r, second, NULL, NULL, NULL);
  if (rc != 0) {
    char message[256];
    snprintf(message, sizeof message, "%s", wasio_error_message());
    wasio_runner_close(&r);
    return wasio_fail(rc, "%s", message);
  }
  wasio_runner_get_loop(&r, &loop2);
  demo_say("both runs used %s loop", loop1 == loop2 ? "the same" : "another");
  demo_say("closing the runner");
  wasio_runner_close(&r);
  wasio_runner_close(&r);
  int again = wasio_runner_run(&r, second, NULL, NULL, NULL);
  demo_say("closed twice (fine); run after close: %s", wasio_err_name(again));
  return rc;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_runner = {
    .name = "runner",
    .summary = "Runner: several mains on one loop and one shared context",
    .seed = "002",
    .modes = modes,
    .plain_main = runner_demo,
};
