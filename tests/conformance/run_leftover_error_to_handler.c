/* A leftover task that fails in its cleanup during wasio_run's shutdown:
 * the error goes to the loop's exception handler, main's outcome is kept. */
#include "twin.h"

static int worker(void *arg, void **result) {
  int rc = wasio_sleep(10);
  if (rc == WASIO_ECANCELLED) {
    twin_log("A cancelled, fails");
    return wasio_fail(WASIO_EINVAL, "a");
  }
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task a;
  wasio_create_task(&a, worker, NULL);
  wasio_task_set_name(a, "A");
  wasio_task_release(a);
  wasio_sleep(1);
  twin_log("main end");
  *result = R(3);
  return 0;
}

int twin_run_leftover_error_to_handler(void) { return twin_run(main_); }
