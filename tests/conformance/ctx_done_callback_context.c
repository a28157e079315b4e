/* A done callback runs in a copy of the context current when it was added:
 * not the value set afterwards, nor the value the finishing task had set in
 * its own context. */
#include "twin.h"

static wasio_contextvar var = WASIO_CONTEXTVAR("v", R(0));

static void cb(wasio_task t, void *arg) {
  twin_log("done cb v %d", I(wasio_contextvar_get(&var)));
}

static int child(void *arg, void **result) {
  wasio_contextvar_set(&var, R(50), NULL);
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("T ends with v %d", I(wasio_contextvar_get(&var)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, child, NULL);
  wasio_contextvar_set(&var, R(1), NULL);
  wasio_task_add_done_callback(t, cb, NULL);
  wasio_contextvar_set(&var, R(2), NULL);
  wasio_await(t, NULL);
  wasio_sleep(0);
  twin_log("main v %d", I(wasio_contextvar_get(&var)));
  return 0;
}

int twin_ctx_done_callback_context(void) { return twin_run(main_); }
