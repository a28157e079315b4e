/* Cancelling the first blocked putter of a full Queue (see the .py). */
#include "twin.h"

static wasio_queue Q;

typedef struct {
  const char *name;
  int item;
} put_arg;

static int putter(void *arg, void **result) {
  put_arg *p = arg;
  int rc = wasio_queue_put(&Q, R(p->item));
  twin_log("%s put %d -> %s", p->name, p->item, err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  static put_arg args[] = {{"A", 2}, {"B", 3}};
  wasio_task a, b;
  void *item = NULL;
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 1);
  wasio_queue_put_nowait(&Q, R(1));
  wasio_create_task(&a, putter, &args[0]);
  wasio_create_task(&b, putter, &args[1]);
  wasio_sleep(0);
  wasio_cancel(a);
  int rc = wasio_queue_get(&Q, &item);
  twin_log("cancel A, get -> %s", result_of(rc, item));
  wasio_await(b, NULL);
  rc = wasio_queue_get(&Q, &item);
  twin_log("get -> %s", result_of(rc, item));
  wasio_wait(&a, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s B %s size %zu", outcome(a), outcome(b), wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_cancel_putter(void) { return twin_run(main_); }
