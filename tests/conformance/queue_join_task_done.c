/* Queue.join() waits for task_done() of every item (see the .py). */
#include "twin.h"

static wasio_queue Q;

static int worker(void *arg, void **result) {
  for (;;) {
    void *item;
    int rc = wasio_queue_get(&Q, &item);
    if (rc != 0) return rc;
    twin_log("%s get -> %d", (const char *)arg, I(item));
    wasio_sleep(1);
    wasio_queue_task_done(&Q);
    twin_log("%s task_done %d", (const char *)arg, I(item));
  }
}

static int main_(void *arg, void **result) {
  wasio_task w[2];
  wasio_queue_init(&Q, WASIO_QUEUE_FIFO, 0);
  twin_log("join empty -> %s", err(wasio_queue_join(&Q)));
  for (int i = 1; i <= 3; i++) wasio_queue_put_nowait(&Q, R(i));
  wasio_create_task(&w[0], worker, "A");
  wasio_create_task(&w[1], worker, "B");
  int rc = wasio_queue_join(&Q);
  twin_log("join -> %s size %zu", err(rc), wasio_queue_size(&Q));
  wasio_cancel(w[0]);
  wasio_cancel(w[1]);
  wasio_wait(w, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s B %s", outcome(w[0]), outcome(w[1]));
  wasio_queue_destroy(&Q);
  return 0;
}

int twin_queue_join_task_done(void) { return twin_run(main_); }
