/* styles (seed 003): the same program in Python's style and Node's.
 *
 *   python  wasio_run(main) starts the loop explicitly and blocks; main is a
 *           task; calling wasio_run again inside is refused; when main
 *           returns, whatever is still pending is cancelled (its cleanup
 *           runs) and the loop closes.
 *   node    plain main() spawns tasks with wasio_spawn and returns at once;
 *           nothing has run yet; the implicit loop then runs for as long as
 *           any task is pending, and the process exits when none is. */
#include "demo.h"

static int ticker(void *arg, void **result) {
  const char *who = arg;
  (void)result;
  for (int i = 1; i <= 3; i++) {
    int rc = wasio_sleep(1);
    if (rc != 0) {
      demo_log("%s: cancelled after %d tick%s; its cleanup runs", who, i - 1,
               i == 2 ? "" : "s");
      return rc;
    }
    demo_log("%s: tick %d", who, i);
  }
  demo_log("%s: done", who);
  return 0;
}

static int inner(void *arg, void **result) {
  (void)arg;
  (void)result;
  return 0;
}

static int python_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  demo_log("python style: wasio_run(main) started the loop explicitly; main "
           "is a task");
  int rc = wasio_create_task(NULL, ticker, "ticker");
  if (rc != 0) return rc;
  demo_log("main: calling wasio_run() again from inside the loop");
  rc = wasio_run(inner, NULL, NULL, NULL);
  demo_log("main: refused: %s: %s", wasio_err_name(rc), wasio_error_message());
  rc = wasio_sleep(1.5);
  if (rc != 0) return rc;
  demo_log("main: returning; the ticker is still pending, so wasio_run "
           "cancels it");
  return 0;
}

static int node_task(void *arg, void **result) {
  (void)result;
  demo_log("%s: the implicit loop runs it now, after main() returned",
           (const char *)arg);
  return ticker(arg, result);
}

static int node_main(const demo_args *args) {
  (void)args;
  demo_say("node style: main() spawns a task with wasio_spawn");
  int rc = wasio_spawn(node_task, "ticker");
  if (rc != 0) return rc;
  demo_say("main() returns now; nothing has run yet");
  return 0;
}

static const char *const modes[] = {"python", "node", NULL};

const wasio_demo demo_styles = {
    .name = "styles",
    .summary = "Python style (explicit run) vs Node style (implicit loop)",
    .seed = "003",
    .modes = modes,
    .main = python_main,
    .plain_main = node_main,
};
