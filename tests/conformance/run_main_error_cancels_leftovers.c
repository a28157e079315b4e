/* main fails while a task is pending: wasio_run still cancels the task
 * (its cleanup runs), then returns main's error. */
#include "twin.h"

static int worker(void *arg, void **result) {
  int rc = wasio_sleep(10);
  twin_log("A cleanup");
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_create_task(NULL, worker, NULL);
  wasio_sleep(1);
  twin_log("main fails");
  return wasio_fail(WASIO_EINVAL, "main");
}

int twin_run_main_error_cancels_leftovers(void) { return twin_run(main_); }
