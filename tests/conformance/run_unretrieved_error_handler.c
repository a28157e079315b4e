/* A task fails and nobody retrieves its error: when the handle is given up,
 * the loop's exception handler reports it ("never retrieved"). */
#include "twin.h"

static int failer(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("T fails");
  return wasio_fail(WASIO_EINVAL, "t");
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, failer, NULL);
  wasio_task_set_name(t, "T");
  wasio_sleep(2);
  twin_log("dropping T");
  wasio_task_release(t);
  twin_log("dropped");
  wasio_sleep(1);
  twin_log("main end");
  return 0;
}

int twin_run_unretrieved_error_handler(void) { return twin_run(main_); }
