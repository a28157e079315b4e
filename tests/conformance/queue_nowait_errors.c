/* get_nowait on empty is EEMPTY, put_nowait on full EFULL (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_queue q, u;
  void *a, *b;
  wasio_queue_init(&q, WASIO_QUEUE_FIFO, 2);
  twin_log("get_nowait empty -> %s", err(wasio_queue_get_nowait(&q, &a)));
  wasio_queue_put_nowait(&q, R(1));
  wasio_queue_put_nowait(&q, R(2));
  int rc = wasio_queue_put_nowait(&q, R(3));
  twin_log("put_nowait full -> %s size %zu", err(rc), wasio_queue_size(&q));
  wasio_queue_get_nowait(&q, &a);
  twin_log("get_nowait -> ok %d", I(a));
  rc = wasio_queue_put_nowait(&q, R(3));
  twin_log("put_nowait -> %s size %zu", err(rc), wasio_queue_size(&q));
  wasio_queue_get_nowait(&q, &a);
  wasio_queue_get_nowait(&q, &b);
  twin_log("get_nowait -> ok %d %d", I(a), I(b));
  twin_log("get_nowait empty -> %s", err(wasio_queue_get_nowait(&q, &a)));
  wasio_queue_destroy(&q);
  wasio_queue_init(&u, WASIO_QUEUE_FIFO, 0);
  for (int i = 0; i < 100; i++) wasio_queue_put_nowait(&u, R(i));
  twin_log("unbounded size %zu full %d", wasio_queue_size(&u),
           wasio_queue_full(&u));
  wasio_queue_destroy(&u);
  return 0;
}

int twin_queue_nowait_errors(void) { return twin_run(main_); }
