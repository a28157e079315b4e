/* call_later callbacks run by deadline, not in the order they were
 * scheduled (equal deadlines are left out: asyncio's heap does not keep their
 * order); a delay of 0 runs in the next iteration, after what
 * call_soon had already queued. */
#include "twin.h"

static void cb(void *arg) { twin_log("cb %s", (const char *)arg); }

static int main_(void *arg, void **result) {
  wasio_call_later(NULL, 2, cb, "2");
  wasio_call_later(NULL, 1, cb, "1");
  wasio_call_later(NULL, 0, cb, "0");
  wasio_call_later(NULL, 1.5, cb, "1.5");
  wasio_call_soon(NULL, cb, "soon");
  wasio_call_later(NULL, 0.5, cb, "0.5");
  wasio_sleep(3);
  twin_log("main end");
  return 0;
}

int twin_cb_call_later_order(void) { return twin_run(main_); }
