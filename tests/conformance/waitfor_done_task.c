/* asyncio.wait_for on tasks already done, with timeouts 1 and 0: the
 * result (or the error) at once, nothing is cancelled. */
#include "twin.h"

static int good(void *arg, void **result) {
  *result = R(7);
  return 0;
}

static int bad(void *arg, void **result) { return boom("bad"); }

static int main_(void *arg, void **result) {
  wasio_task g, b;
  void *r;
  int rc;
  wasio_create_task(&g, good, NULL);
  wasio_create_task(&b, bad, NULL);
  wasio_sleep(1);
  r = NULL;
  rc = wasio_wait_for(g, 1, &r);
  twin_log("good, 1 -> %s", result_of(rc, r));
  r = NULL;
  rc = wasio_wait_for(g, 0, &r);
  twin_log("good, 0 -> %s", result_of(rc, r));
  twin_log("bad, 1 -> %s", err(wasio_wait_for(b, 1, NULL)));
  twin_log("bad, 0 -> %s", err(wasio_wait_for(b, 0, NULL)));
  twin_log("G %s B %s", outcome(g), outcome(b));
  return 0;
}

int twin_waitfor_done_task(void) { return twin_run(main_); }
