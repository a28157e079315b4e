/* call_soon and call_later copy the current context when called: a later
 * change by the caller is not seen by the callback, and what the callback
 * sets stays in its copy. */
#include "twin.h"

static wasio_contextvar var = WASIO_CONTEXTVAR("v", R(0));

static void cb(void *arg) {
  twin_log("cb %s v %d", (const char *)arg, I(wasio_contextvar_get(&var)));
  wasio_contextvar_set(&var, R(100), NULL);
}

static int main_(void *arg, void **result) {
  wasio_contextvar_set(&var, R(1), NULL);
  wasio_call_soon(NULL, cb, "soon");
  wasio_contextvar_set(&var, R(2), NULL);
  wasio_call_later(NULL, 1, cb, "later");
  wasio_contextvar_set(&var, R(3), NULL);
  wasio_sleep(2);
  twin_log("main v %d", I(wasio_contextvar_get(&var)));
  return 0;
}

int twin_ctx_call_soon_copies(void) { return twin_run(main_); }
