/* Cancelling the Queue getter that was just woken by a put (see the
 * .py). */
#include "twin.h"

static wasio_queue Q;

static int getter(void *arg, void **result) {
  void *item = NULL;
  int rc = wasio_queue_get(&Q, &item);
  twin_log("%s get -> %s", (const char *)arg, result_of(rc, item));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task both[2];
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&both[0], getter, "A");
  wasio_create_task(&both[1], getter, "B");
  wasio_sleep(0);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_cancel(both[0]);
  twin_log("put 1, cancel A");
  wasio_sleep(1);
  wasio_queue_put_nowait(&Q, R(2));
  twin_log("put 2");
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s B %s size %zu", outcome(both[0]), outcome(both[1]),
           wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_cancel_served_getter(void) { return twin_run(main_); }
