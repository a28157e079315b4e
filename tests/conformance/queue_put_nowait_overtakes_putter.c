/* put_nowait() right after a get that woke a blocked putter (see the
 * .py). */
#include "twin.h"

static wasio_queue Q;

static int putter(void *arg, void **result) {
  int rc = wasio_queue_put(&Q, R(2));
  twin_log("P put 2 -> %s", err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task p;
  void *item = NULL;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 1);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_create_task(&p, putter, NULL);
  wasio_sleep(0);
  wasio_queue_get(&Q, &item);
  twin_log("get -> %d full %d", I(item), wasio_queue_full(&Q));
  twin_log("put_nowait 3 -> %s", err(wasio_queue_put_nowait(&Q, R(3))));
  wasio_queue_get(&Q, &item);
  twin_log("get -> %d", I(item));
  wasio_await(p, NULL);
  twin_log("size %zu", wasio_queue_size(&Q));
  while (!wasio_queue_empty(&Q)) {
    wasio_queue_get_nowait(&Q, &item);
    twin_log("get_nowait -> %d", I(item));
  }
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_put_nowait_overtakes_putter(void) { return twin_run(main_); }
