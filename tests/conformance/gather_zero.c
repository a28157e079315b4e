/* gather of no tasks: 0 at once, without yielding to the loop (a task
 * created just before has not run yet). */
#include "twin.h"

static int other(void *arg, void **result) {
  twin_log("T runs");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, other, NULL);
  int rc = wasio_gather(NULL, 0, NULL);
  if (rc == 0)
    twin_log("gather -> ok 0");
  else
    twin_log("gather -> %s", err(rc));
  wasio_await(t, NULL);
  twin_log("end");
  return 0;
}

int twin_gather_zero(void) { return twin_run(main_); }
