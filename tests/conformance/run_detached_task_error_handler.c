/* A fire-and-forget task (no handle kept) fails: the exception handler
 * reports it as soon as the task is gone, at the instant it failed. */
#include "twin.h"

static int failer(void *arg, void **result) {
  wasio_task_set_name(wasio_current_task(), "T");
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("T fails");
  return wasio_fail(WASIO_EINVAL, "t");
}

static int main_(void *arg, void **result) {
  wasio_create_task(NULL, failer, NULL);
  wasio_sleep(2);
  twin_log("main end");
  return 0;
}

int twin_run_detached_task_error_handler(void) { return twin_run(main_); }
