/* Cancelling a task suspended in Queue.get() (see the .py). */
#include "twin.h"

static wasio_queue Q;

static int getter(void *arg, void **result) {
  void *item = NULL;
  int rc = wasio_queue_get(&Q, &item);
  if (rc != 0)
    twin_log("T get -> %s", err(rc));
  else
    twin_log("T get -> ok %d", I(item));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  void *item = NULL;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&t, getter, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  wasio_queue_put_nowait(&Q, R(7));
  wasio_sleep(0);
  size_t size = wasio_queue_size(&Q);
  wasio_queue_get_nowait(&Q, &item);
  twin_log("T %s qsize %d get_nowait -> %d", outcome(t), (int)size, I(item));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_cancel_at_queue_get(void) { return twin_run(main_); }
