/* Done callbacks run in the order they were added (see the .py). */
#include "twin.h"

static void callback(wasio_task t, void *arg) {
  twin_log("cb %s sees T %s", (const char *)arg, outcome(t));
}

static int worker(void *arg, void **result) {
  wasio_sleep(1);
  twin_log("T returns 2");
  *result = R(2);
  return 0;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"a", "b", "c"};
  wasio_task t;
  wasio_create_task(&t, worker, NULL);
  for (int i = 0; i < 3; i++)
    wasio_task_add_done_callback(t, callback, (void *)names[i]);
  wasio_sleep(2);
  twin_log("main done");
  return 0;
}

int twin_donecb_order(void) { return twin_run(main_); }
