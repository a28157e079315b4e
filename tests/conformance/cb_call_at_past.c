/* call_at with a time already past runs in the next iteration, after the
 * call_soon callbacks already queued; two past times run earliest first. */
#include "twin.h"

static void cb(void *arg) { twin_log("cb %s", (const char *)arg); }

static int main_(void *arg, void **result) {
  wasio_sleep(2);
  wasio_call_soon(NULL, cb, "soon");
  wasio_call_at(NULL, 1, cb, "at 1");
  wasio_call_at(NULL, 0.5, cb, "at 0.5");
  wasio_call_at(NULL, 3, cb, "at 3");
  wasio_sleep(0);
  twin_log("main after sleep(0)");
  wasio_sleep(2);
  twin_log("main end");
  return 0;
}

int twin_cb_call_at_past(void) { return twin_run(main_); }
