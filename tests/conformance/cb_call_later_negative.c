/* call_later with a negative delay is not an error in asyncio: the callback
 * is due at once and runs in the next iteration. */
#include "twin.h"

static void cb(void *arg) { twin_log("cb %s", (const char *)arg); }

static int main_(void *arg, void **result) {
  wasio_sleep(1);
  int rc = wasio_call_later(NULL, -1, cb, "negative");
  twin_log("call_later(-1) -> %s", err(rc));
  wasio_sleep(1);
  twin_log("main end");
  return 0;
}

int twin_cb_call_later_negative(void) { return twin_run(main_); }
