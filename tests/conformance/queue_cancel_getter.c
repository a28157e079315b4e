/* Cancelling the first Queue getter before it is served (see the .py). */
#include "twin.h"

static wasio_queue Q;

static int getter(void *arg, void **result) {
  void *item = NULL;
  int rc = wasio_queue_get(&Q, &item);
  twin_log("%s get -> %s", (const char *)arg, result_of(rc, item));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task a, b;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&a, getter, "A");
  wasio_create_task(&b, getter, "B");
  wasio_sleep(0);
  wasio_cancel(a);
  wasio_queue_put_nowait(&Q, R(1));
  twin_log("cancel A, put 1");
  wasio_await(b, NULL);
  wasio_wait(&a, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s B %s size %zu", outcome(a), outcome(b), wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_cancel_getter(void) { return twin_run(main_); }
