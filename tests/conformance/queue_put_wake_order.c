/* Blocked putters of a full Queue get in in order (see the .py). */
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
  static put_arg args[] = {{"A", 2}, {"B", 3}, {"C", 4}};
  wasio_task t[3];
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 1);
  wasio_queue_put_nowait(&Q, R(1));
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], putter, &args[i]);
  wasio_sleep(0);
  twin_log("full %d size %zu", wasio_queue_full(&Q), wasio_queue_size(&Q));
  for (int i = 0; i < 4; i++) {
    void *item = NULL;
    wasio_sleep(1);
    int rc = wasio_queue_get(&Q, &item);
    twin_log("get -> %s", result_of(rc, item));
  }
  for (int i = 0; i < 3; i++) wasio_await(t[i], NULL);
  twin_log("size %zu", wasio_queue_size(&Q));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_put_wake_order(void) { return twin_run(main_); }
