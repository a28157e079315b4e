/* Queue.shutdown(): puts fail, gets drain then fail (see the .py). */
#include "twin.h"

static wasio_queue Q, EMPTY;

static int putter(void *arg, void **result) {
  int rc = wasio_queue_put(&Q, R(3));
  twin_log("P put 3 -> %s", err(rc));
  return 0;
}

static int getter(void *arg, void **result) {
  void *item = NULL;
  int rc = wasio_queue_get(&EMPTY, &item);
  twin_log("G get -> %s", result_of(rc, item));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task p, g;
  void *item = NULL;
  int rc;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 2);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_queue_put_nowait(&Q, R(2));
  wasio_queue_init(&EMPTY, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&p, putter, NULL);
  wasio_create_task(&g, getter, NULL);
  wasio_sleep(0);
  wasio_queue_shutdown(&Q, 0);
  wasio_queue_shutdown(&EMPTY, 0);
  twin_log("shutdown, size %zu", wasio_queue_size(&Q));
  wasio_await(p, NULL);
  wasio_await(g, NULL);
  twin_log("put_nowait -> %s", err(wasio_queue_put_nowait(&Q, R(4))));
  twin_log("put -> %s", err(wasio_queue_put(&Q, R(4))));
  rc = wasio_queue_get(&Q, &item);
  twin_log("get -> %s", result_of(rc, item));
  rc = wasio_queue_get_nowait(&Q, &item);
  twin_log("get_nowait -> %d", rc == 0 ? I(item) : rc);
  rc = wasio_queue_get(&Q, &item);
  twin_log("get -> %s", result_of(rc, item));
  twin_log("get_nowait -> %s", err(wasio_queue_get_nowait(&Q, &item)));
  wasio_queue_destroy(&Q);
  wasio_queue_destroy(&EMPTY);
  return 0;
}

int twin_queue_shutdown(void) { return twin_run(main_); }
