/* A LifoQueue getter waits while two items are put (see the .py). */
#include "twin.h"

static wasio_queue Q;

static int getter(void *arg, void **result) {
  void *item = NULL;
  wasio_queue_get(&Q, &item);
  twin_log("G get -> %d", I(item));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task g;
  void *item = NULL;
  wasio_queue_init(&Q, WASIO_QUEUE_LIFO, 0);
  wasio_create_task(&g, getter, NULL);
  wasio_sleep(0);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_queue_put_nowait(&Q, R(2));
  twin_log("put 1, put 2, size %zu", wasio_queue_size(&Q));
  wasio_await(g, NULL);
  wasio_queue_get_nowait(&Q, &item);
  twin_log("get_nowait -> %d size %zu", I(item), wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_lifo_waiting_getter(void) { return twin_run(main_); }
