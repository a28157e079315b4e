/* current_task() in main, in tasks, in a done callback (see the .py). */
#include "twin.h"

static wasio_task MAIN, T;

static int same(wasio_task a, wasio_task b) {
  return a.slot == b.slot && a.gen == b.gen;
}

static int child(void *arg, void **result) {
  twin_log("T current is T %d is not main %d", same(wasio_current_task(), T),
           !same(wasio_current_task(), MAIN));
  wasio_sleep(1);
  twin_log("T after sleep current is T %d", same(wasio_current_task(), T));
  return 0;
}

static void callback(wasio_task t, void *arg) {
  wasio_task none = {0, 0};
  twin_log("cb current is none %d", same(wasio_current_task(), none));
}

static int main_(void *arg, void **result) {
  MAIN = wasio_current_task();
  wasio_create_task(&T, child, NULL);
  wasio_task_add_done_callback(T, callback, NULL);
  twin_log("main current is T %d", same(wasio_current_task(), T));
  wasio_sleep(2); /* not an await of T: the callback's order is not the point */
  twin_log("main current is main %d", same(wasio_current_task(), MAIN));
  return 0;
}

int twin_task_current_task(void) { return twin_run(main_); }
