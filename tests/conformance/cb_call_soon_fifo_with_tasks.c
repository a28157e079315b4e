/* call_soon callbacks and new tasks share one FIFO ready queue: they run in
 * the order they were scheduled, interleaved, and a task's sleep(0) goes to
 * the back of it. */
#include "twin.h"

static void cb(void *arg) { twin_log("cb %s", (const char *)arg); }

static int worker(void *arg, void **result) {
  twin_log("%s step 1", (const char *)arg);
  int rc = wasio_sleep(0);
  if (rc != 0) return rc;
  twin_log("%s step 2", (const char *)arg);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_create_task(NULL, worker, "A");
  wasio_call_soon(NULL, cb, "1");
  wasio_create_task(NULL, worker, "B");
  wasio_call_soon(NULL, cb, "2");
  wasio_sleep(0);
  twin_log("main resumed");
  wasio_call_soon(NULL, cb, "3");
  wasio_sleep(0);
  twin_log("main end");
  return 0;
}

int twin_cb_call_soon_fifo_with_tasks(void) { return twin_run(main_); }
