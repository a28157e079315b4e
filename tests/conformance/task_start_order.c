/* Tasks start in creation order, once their creator yields (see the .py). */
#include "twin.h"

static int worker(void *arg, void **result) {
  const char *name = arg;
  twin_log("%s start", name);
  wasio_sleep(0);
  twin_log("%s after yield", name);
  return 0;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"A", "B", "C"};
  wasio_task tasks[3];
  for (int i = 0; i < 3; i++)
    wasio_create_task(&tasks[i], worker, (void *)names[i]);
  twin_log("main created %d", 3);
  wasio_sleep(0);
  twin_log("main after yield");
  wasio_sleep(1);
  twin_log("main done");
  return 0;
}

int twin_task_start_order(void) { return twin_run(main_); }
