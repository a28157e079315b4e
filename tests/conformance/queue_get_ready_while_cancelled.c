/* A task with a cancel pending gets from a non-empty Queue and puts to a
 * non-full one (see the .py). */
#include "twin.h"

static wasio_queue Q;

static int body(void *arg, void **result) {
  void *item = NULL;
  wasio_cancel(wasio_current_task());
  int rc = wasio_queue_get(&Q, &item);
  twin_log("T get -> %s", result_of(rc, item));
  twin_log("T put 2 -> %s", err(wasio_queue_put(&Q, R(2))));
  twin_log("T sleep 0 -> %s", err(wasio_sleep(0)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 1);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_create_task(&t, body, NULL);
  wasio_wait(&t, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("T %s cancelling %d size %zu", outcome(t),
           wasio_task_cancelling(t), wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_get_ready_while_cancelled(void) { return twin_run(main_); }
