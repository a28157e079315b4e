/* Queue FIFO and LifoQueue LIFO order (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  static const char *names[] = {"fifo", "lifo"};
  static const wasio_queue_kind kinds[] = {WASIO_QUEUE_FIFO, WASIO_QUEUE_LIFO};
  for (int k = 0; k < 2; k++) {
    wasio_queue q;
    wasio_queue_init(&q, kinds[k], 3);
    twin_log("%s empty %d full %d", names[k], wasio_queue_empty(&q),
             wasio_queue_full(&q));
    for (int i = 1; i <= 3; i++) wasio_queue_put(&q, R(i));
    twin_log("%s size %zu empty %d full %d", names[k], wasio_queue_size(&q),
             wasio_queue_empty(&q), wasio_queue_full(&q));
    for (int i = 0; i < 3; i++) {
      void *item = NULL;
      int rc = wasio_queue_get(&q, &item);
      twin_log("%s get -> %s", names[k], result_of(rc, item));
    }
    twin_log("%s size %zu empty %d", names[k], wasio_queue_size(&q),
             wasio_queue_empty(&q));
    wasio_queue_destroy(&q);
  }
  return 0;
}

int twin_queue_fifo_lifo_order(void) { return twin_run(main_); }
