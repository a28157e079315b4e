/* cancel (seed 003 §7.6): a 10 s task cancelled after 0.5 s; its cleanup
 * (a finally block) runs, and awaiting it confirms the cancellation. */
#include "demo.h"

static int cancellable(void *arg, void **result) {
  (void)arg;
  (void)result;
  demo_log("task: started; will run for 10 s");
  int rc = wasio_sleep(10);
  if (rc == WASIO_ECANCELLED) {
    demo_log("task: cancelled (%s); cleanup runs", wasio_error_message());
    return rc; /* pass the cancellation on, as `raise` does */
  }
  demo_log("task: done");
  return rc;
}

static int cancel_main(void *arg, void **result) {
  wasio_task t;
  double after;
  (void)result;
  int rc = demo_param_seconds(arg, "after", 0.5, &after);
  if (rc != 0) return rc;
  wasio_create_task(&t, cancellable, NULL);
  wasio_sleep(after);
  demo_log("main: cancelling the task");
  wasio_cancel_msg(t, "no longer needed");
  rc = wasio_await(t, NULL);
  demo_log("main: awaiting it gives %s: confirmed", wasio_err_name(rc));
  wasio_task_release(t);
  return 0;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_cancel = {
    .name = "cancel",
    .summary = "cancel a 10 s task after 0.5 s; its cleanup runs",
    .seed = "003",
    .modes = modes,
    .main = cancel_main,
    .params = "after=0.5",
};
