/* A done callback added to a task already done runs soon, not at once (see
 * the .py). */
#include "twin.h"

static void callback(wasio_task t, void *arg) {
  twin_log("cb sees T %s", outcome(t));
}

static int value(void *arg, void **result) {
  *result = R(4);
  return 0;
}

static int other(void *arg, void **result) {
  twin_log("U runs");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t, u;
  wasio_create_task(&t, value, NULL);
  wasio_sleep(0);
  wasio_create_task(&u, other, NULL);
  wasio_task_add_done_callback(t, callback, NULL);
  twin_log("main added, T %s", outcome(t));
  wasio_sleep(0);
  twin_log("main back");
  return wasio_await(u, NULL);
}

int twin_donecb_already_done(void) { return twin_run(main_); }
