/* Queue.shutdown(immediate=True) (see the .py). */
#include "twin.h"

static wasio_queue Q, EMPTY;

static int joiner(void *arg, void **result) {
  twin_log("J join -> %s", err(wasio_queue_join(&Q)));
  return 0;
}

static int putter(void *arg, void **result) {
  twin_log("P put 3 -> %s", err(wasio_queue_put(&Q, R(3))));
  return 0;
}

static int getter(void *arg, void **result) {
  void *item = NULL;
  int rc = wasio_queue_get(&EMPTY, &item);
  twin_log("%s get -> %s", (const char *)arg, result_of(rc, item));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t[4];
  void *item = NULL;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 2);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_queue_put_nowait(&Q, R(2));
  wasio_queue_init(&EMPTY, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&t[0], joiner, NULL);
  wasio_create_task(&t[1], putter, NULL);
  wasio_create_task(&t[2], getter, "A");
  wasio_create_task(&t[3], getter, "B");
  wasio_sleep(1);
  wasio_queue_shutdown(&Q, 1);
  wasio_queue_shutdown(&EMPTY, 1);
  twin_log("shutdown immediate, size %zu", wasio_queue_size(&Q));
  for (int i = 0; i < 4; i++) wasio_await(t[i], NULL);
  int rc = wasio_queue_get(&Q, &item);
  twin_log("get -> %s", result_of(rc, item));
  twin_log("join -> %s", err(wasio_queue_join(&Q)));
  wasio_queue_destroy(&Q);
  wasio_queue_destroy(&EMPTY);
  return 0;
}

int twin_queue_shutdown_immediate(void) { return twin_run(main_); }
