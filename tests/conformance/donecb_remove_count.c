/* remove_done_callback counts what it removed (see the .py). */
#include "twin.h"

static void first(wasio_task t, void *arg) { twin_log("cb first"); }

static void second(wasio_task t, void *arg) { twin_log("cb second"); }

static int worker(void *arg, void **result) { return wasio_sleep(1); }

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, worker, NULL);
  wasio_task_add_done_callback(t, first, NULL);
  wasio_task_add_done_callback(t, second, NULL);
  wasio_task_add_done_callback(t, first, NULL);
  wasio_task_add_done_callback(t, second, NULL);
  twin_log("remove first -> %d", wasio_task_remove_done_callback(t, first, NULL));
  twin_log("remove first again -> %d",
           wasio_task_remove_done_callback(t, first, NULL));
  wasio_sleep(2);
  twin_log("remove second after done -> %d",
           wasio_task_remove_done_callback(t, second, NULL));
  return 0;
}

int twin_donecb_remove_count(void) { return twin_run(main_); }
