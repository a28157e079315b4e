/* get_nowait() right after a put that woke a getter (see the .py). */
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
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&g, getter, NULL);
  wasio_sleep(0);
  wasio_queue_put_nowait(&Q, R(1));
  int rc = wasio_queue_get_nowait(&Q, &item);
  if (rc == 0)
    twin_log("put 1, get_nowait -> %d", I(item));
  else
    twin_log("put 1, get_nowait -> %s", err(rc));
  wasio_queue_put_nowait(&Q, R(2));
  twin_log("put 2");
  wasio_await(g, NULL);
  twin_log("size %zu", wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_get_nowait_overtakes_getter(void) { return twin_run(main_); }
