/* wasio_handle_cancel before the callback runs: it never runs. That holds
 * for a call_soon handle, a call_later one, and one already due in the same
 * iteration, cancelled by an earlier callback of that iteration. (The .py
 * prints handle.cancelled(); here cancel's 1 says the same.) */
#include "twin.h"

static wasio_handle y;

static void cb(void *arg) { twin_log("cb %s", (const char *)arg); }

static void canceller(void *arg) {
  twin_log("cb %s cancels y", (const char *)arg);
  twin_log("y cancelled %d", wasio_handle_cancel(y));
}

static int main_(void *arg, void **result) {
  wasio_handle a, b;
  wasio_call_soon(&a, cb, "a");
  wasio_call_later(&b, 1, cb, "b");
  wasio_call_soon(NULL, cb, "c");
  int ra = wasio_handle_cancel(a);
  int rb = wasio_handle_cancel(b);
  twin_log("a cancelled %d b cancelled %d", ra, rb);
  wasio_sleep(2);
  /* both in the past: due together in the next iteration, x first */
  wasio_call_at(NULL, 0.5, canceller, "x");
  wasio_call_at(&y, 1, cb, "y");
  wasio_call_at(NULL, 1.5, cb, "z");
  wasio_sleep(1);
  twin_log("main end");
  return 0;
}

int twin_cb_handle_cancel(void) { return twin_run(main_); }
