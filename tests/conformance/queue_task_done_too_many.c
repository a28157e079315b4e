/* task_done() called too many times (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_queue q;
  void *item;
  wasio_queue_init(&q, WASIO_QUEUE_FIFO, 0);
  twin_log("task_done on a fresh queue -> %s",
           err(wasio_queue_task_done(&q)));
  wasio_queue_put_nowait(&q, R(1));
  wasio_queue_get(&q, &item);
  int rc = wasio_queue_task_done(&q);
  twin_log("put, get, task_done -> %s", err(rc));
  twin_log("task_done again -> %s", err(wasio_queue_task_done(&q)));
  twin_log("join -> %s", err(wasio_queue_join(&q)));
  wasio_queue_destroy(&q);
  return 0;
}

int twin_queue_task_done_too_many(void) { return twin_run(main_); }
