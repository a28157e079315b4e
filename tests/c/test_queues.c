/* Queue, LifoQueue, PriorityQueue: order, bounds, join/task_done,
 * shutdown, and nothing lost to cancellation. */
#include "test.h"

#include <stdint.h>

#define ITEM(n) ((void *)(intptr_t)(n))
#define NUM(p) ((int)(intptr_t)(p))

static int kinds_main(void *arg, void **result) {
  wasio_queue q;
  void *item;
  (void)arg;
  (void)result;
  static const int want[3][4] = {{1, 2, 3, 4}, {4, 3, 2, 1}, {2, 4, 1, 3}};
  for (int k = 0; k < 3; k++) {
    CHECK_RC(wasio_queue_init(&q, (wasio_queue_kind)k, 0), 0);
    static const int64_t prio[4] = {5, 1, 9, 1};
    for (int i = 1; i <= 4; i++)
      CHECK_RC(k == 2 ? wasio_queue_put_priority(&q, prio[i - 1], ITEM(i))
                      : wasio_queue_put(&q, ITEM(i)),
               0);
    CHECK_INT((int)wasio_queue_size(&q), 4);
    for (int i = 0; i < 4; i++) {
      CHECK_RC(wasio_queue_get(&q, &item), 0);
      CHECK_INT(NUM(item), want[k][i]);
    }
    CHECK(wasio_queue_empty(&q));
    CHECK_RC(wasio_queue_get_nowait(&q, &item), WASIO_EEMPTY);
    wasio_queue_destroy(&q);
    CHECK_RC(wasio_queue_put(&q, ITEM(1)), WASIO_ECLOSED);
  }
  /* many items: the storage grows */
  wasio_queue_init(&q, WASIO_QUEUE_FIFO, 0);
  for (int i = 0; i < 1000; i++) wasio_queue_put_nowait(&q, ITEM(i));
  int in_order = 1;
  for (int i = 0; i < 1000; i++) {
    wasio_queue_get_nowait(&q, &item);
    in_order &= NUM(item) == i;
  }
  CHECK(in_order);
  wasio_queue_destroy(&q);
  CHECK_RC(wasio_queue_init(&q, (wasio_queue_kind)9, 0), WASIO_EINVAL);
  return 0;
}

TEST(fifo_lifo_priority_order) {
  CHECK_RC(run_virtual(kinds_main, NULL, NULL), 0);
}

typedef struct pc {
  wasio_queue q;
  int got[16];
  int n;
} pc;

static int producer(void *arg, void **result) {
  pc *p = arg;
  (void)result;
  for (int i = 1; i <= 5; i++) {
    int rc = wasio_queue_put(&p->q, ITEM(i));
    if (rc != 0) return rc;
  }
  return 0;
}

static int slow_consumer(void *arg, void **result) {
  pc *p = arg;
  (void)result;
  for (int i = 0; i < 5; i++) {
    void *item;
    int rc = wasio_queue_get(&p->q, &item);
    if (rc != 0) return rc;
    p->got[p->n++] = NUM(item);
    wasio_sleep(1);
    wasio_queue_task_done(&p->q);
  }
  return 0;
}

static int bounded_main(void *arg, void **result) {
  pc *p = arg;
  wasio_task prod, cons;
  (void)result;
  wasio_queue_init(&p->q, WASIO_QUEUE_FIFO, 2);
  wasio_create_task(&prod, producer, p);
  wasio_sleep(0.5);
  CHECK(wasio_queue_full(&p->q)); /* the producer waits on item 3 */
  CHECK_INT(wasio_task_state(prod), WASIO_TASK_WAITING);
  CHECK_RC(wasio_queue_put_nowait(&p->q, ITEM(99)), WASIO_EFULL);
  wasio_create_task(&cons, slow_consumer, p);
  CHECK_RC(wasio_queue_join(&p->q), 0);
  CHECK_NEAR(wasio_now(), 5.5, 0); /* every item marked done */
  CHECK_RC(wasio_queue_task_done(&p->q), WASIO_ESTATE);
  CHECK_RC(wasio_gather((wasio_task[]){prod, cons}, 2, NULL), 0);
  wasio_task_release(prod);
  wasio_task_release(cons);
  wasio_queue_destroy(&p->q);
  return 0;
}

TEST(bounded_put_waits_and_join) {
  pc p = {.n = 0};
  CHECK_RC(run_virtual(bounded_main, &p, NULL), 0);
  CHECK_INT(p.n, 5);
  for (int i = 0; i < 5; i++) CHECK_INT(p.got[i], i + 1);
}

static int getter(void *arg, void **result) {
  pc *p = arg;
  void *item;
  int rc = wasio_queue_get(&p->q, &item);
  if (rc == 0) {
    p->got[p->n++] = NUM(item);
    *result = item;
  }
  return rc;
}

static int cancel_safety_main(void *arg, void **result) {
  pc *p = arg;
  wasio_task g[3];
  (void)result;
  wasio_queue_init(&p->q, WASIO_QUEUE_FIFO, 1);
  for (int i = 0; i < 3; i++) wasio_create_task(&g[i], getter, p);
  wasio_sleep(0.1);
  wasio_cancel(g[0]);            /* waiting: leaves the line */
  wasio_queue_put(&p->q, ITEM(10)); /* goes to g[1] */
  wasio_cancel(g[1]);            /* served, not resumed: gives 10 back */
  wasio_queue_put(&p->q, ITEM(20)); /* goes to g[2] */
  CHECK_RC(wasio_await(g[0], NULL), WASIO_ECANCELLED);
  CHECK_RC(wasio_await(g[1], NULL), WASIO_ECANCELLED);
  void *got;
  CHECK_RC(wasio_await(g[2], &got), 0);
  CHECK_INT(NUM(got), 20);
  CHECK_INT(p->n, 1);
  CHECK_INT((int)wasio_queue_size(&p->q), 1); /* 10, back in the queue */
  CHECK_RC(wasio_queue_get_nowait(&p->q, &got), 0);
  CHECK_INT(NUM(got), 10); /* nothing lost */
  /* a putter cancelled while waiting has put nothing */
  wasio_queue_put(&p->q, ITEM(1));
  wasio_task put2;
  wasio_create_task(&put2, producer, p);
  wasio_sleep(0.1);
  wasio_cancel(put2);
  CHECK_RC(wasio_await(put2, NULL), WASIO_ECANCELLED);
  CHECK_INT((int)wasio_queue_size(&p->q), 1);
  for (int i = 0; i < 3; i++) wasio_task_release(g[i]);
  wasio_task_release(put2);
  wasio_queue_destroy(&p->q);
  return 0;
}

TEST(cancelled_waiters_lose_no_item) {
  pc p = {.n = 0};
  CHECK_RC(run_virtual(cancel_safety_main, &p, NULL), 0);
}

static int shutdown_main(void *arg, void **result) {
  pc *p = arg;
  wasio_task g, prod;
  void *item;
  (void)result;
  wasio_queue_init(&p->q, WASIO_QUEUE_FIFO, 1);
  wasio_queue_put(&p->q, ITEM(1));
  wasio_create_task(&prod, producer, p); /* blocks: the queue is full */
  wasio_sleep(0.1);
  CHECK_RC(wasio_queue_shutdown(&p->q, 0), 0);
  CHECK_RC(wasio_await(prod, NULL), WASIO_ESHUTDOWN);
  CHECK_RC(wasio_queue_put(&p->q, ITEM(2)), WASIO_ESHUTDOWN);
  CHECK_RC(wasio_queue_get(&p->q, &item), 0); /* what is left comes out */
  CHECK_INT(NUM(item), 1);
  CHECK_RC(wasio_queue_get(&p->q, &item), WASIO_ESHUTDOWN);
  wasio_queue_destroy(&p->q);
  /* immediate: drops the items, wakes the getters */
  wasio_queue_init(&p->q, WASIO_QUEUE_FIFO, 0);
  wasio_create_task(&g, getter, p);
  wasio_sleep(0.1);
  wasio_queue_shutdown(&p->q, 1);
  CHECK_RC(wasio_await(g, NULL), WASIO_ESHUTDOWN);
  wasio_queue_destroy(&p->q);
  wasio_queue_init(&p->q, WASIO_QUEUE_FIFO, 0);
  wasio_queue_put(&p->q, ITEM(5));
  wasio_queue_shutdown(&p->q, 1);
  CHECK(wasio_queue_empty(&p->q));
  CHECK_RC(wasio_queue_join(&p->q), 0); /* dropped items count as done */
  wasio_queue_destroy(&p->q);
  wasio_task_release(g);
  wasio_task_release(prod);
  return 0;
}

TEST(shutdown_plain_and_immediate) {
  pc p = {.n = 0};
  CHECK_RC(run_virtual(shutdown_main, &p, NULL), 0);
}
