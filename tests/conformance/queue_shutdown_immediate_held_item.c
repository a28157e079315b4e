/* shutdown(immediate=True) with an item held by a consumer (see the
 * .py). */
#include "twin.h"

static wasio_queue Q;

static int consumer(void *arg, void **result) {
  void *item = NULL;
  wasio_queue_get(&Q, &item);
  twin_log("C get -> %d", I(item));
  wasio_sleep(1);
  wasio_queue_task_done(&Q);
  twin_log("C task_done");
  return 0;
}

static int joiner(void *arg, void **result) {
  twin_log("J join -> %s", err(wasio_queue_join(&Q)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task c, j;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 0);
  for (int i = 1; i <= 3; i++) wasio_queue_put_nowait(&Q, R(i));
  wasio_create_task(&c, consumer, NULL);
  wasio_create_task(&j, joiner, NULL);
  wasio_sleep(0);
  wasio_queue_shutdown(&Q, 1);
  twin_log("shutdown immediate, size %zu", wasio_queue_size(&Q));
  wasio_await(c, NULL);
  wasio_await(j, NULL);
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_shutdown_immediate_held_item(void) { return twin_run(main_); }
