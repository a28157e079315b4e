/* A producer and a consumer on a bounded Queue (see the .py). */
#include "twin.h"

static wasio_queue Q;

static int producer(void *arg, void **result) {
  static const int items[] = {1, 2, 3, 4, 5, 0};
  for (int i = 0; i < 6; i++) {
    wasio_queue_put(&Q, R(items[i]));
    twin_log("P put %d size %zu", items[i], wasio_queue_size(&Q));
  }
  twin_log("P done");
  return 0;
}

static int consumer(void *arg, void **result) {
  for (;;) {
    void *item;
    int rc = wasio_queue_get(&Q, &item);
    if (rc != 0) return rc;
    twin_log("C get %d", I(item));
    if (I(item) == 0) {
      wasio_queue_task_done(&Q);
      return 0;
    }
    wasio_sleep(1);
    wasio_queue_task_done(&Q);
  }
}

static int main_(void *arg, void **result) {
  wasio_task p, c;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 2);
  wasio_create_task(&p, producer, NULL);
  wasio_create_task(&c, consumer, NULL);
  wasio_sleep(0); /* both have run: items are unfinished */
  twin_log("join -> %s", err(wasio_queue_join(&Q)));
  wasio_await(p, NULL);
  wasio_await(c, NULL);
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_producer_consumer(void) { return twin_run(main_); }
