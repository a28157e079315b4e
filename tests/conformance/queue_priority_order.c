/* PriorityQueue hands out the lowest priority first (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  static const int items[][2] = {{3, 30}, {1, 10}, {-2, 5},
                                 {2, 20}, {1, 11}, {7, 70}};
  wasio_queue q;
  void *item;
  wasio_queue_init(&q, WASIO_QUEUE_PRIORITY, 0);
  /* the value carries its priority: v * 1000 + priority + 100 */
  for (int i = 0; i < 6; i++)
    wasio_queue_put_priority(&q, items[i][0],
                             R(items[i][1] * 1000 + items[i][0] + 100));
  twin_log("size %zu", wasio_queue_size(&q));
  while (!wasio_queue_empty(&q)) {
    wasio_queue_get(&q, &item);
    int v = I(item);
    twin_log("get -> priority %d value %d", v % 1000 - 100, v / 1000);
  }
  wasio_queue_put_priority(&q, 4, R(40));
  wasio_queue_put_priority(&q, 0, R(1));
  wasio_queue_get_nowait(&q, &item);
  twin_log("get_nowait -> value %d", I(item));
  wasio_queue_destroy(&q);
  return 0;
}

int twin_queue_priority_order(void) { return twin_run(main_); }
