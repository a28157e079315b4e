/* Queue, LifoQueue, PriorityQueue.
 *
 * A getter that finds the queue empty parks; a put then hands its item to
 * the first getter directly. A putter that finds the queue full parks with
 * its item; a get then moves the first putter's item into the queue. Both
 * are FIFO fair, and nothing is lost to a cancellation: a parked caller
 * cancelled before it was served has given or taken nothing; a getter
 * handed an item and cancelled before it resumed gives the item back (to
 * the next getter, or the head of the queue) and fails, as asyncio's does;
 * a putter whose item went in before its cancellation reached it has put
 * it (and sees the cancellation at its next await point). */
#include "heap.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
  int64_t priority;
  uint64_t seq;
  void *item;
} entry;

/* A parked caller: its entry (to put, or received), and how it ended. */
typedef struct q_waiter {
  wasio__parked p;
  entry e;
  int status;
} q_waiter;

static entry *items(const wasio_queue *q) { return q->_items; }

static int earlier(const void *x, const void *y) {
  const entry *a = x, *b = y;
  return a->priority < b->priority ||
         (a->priority == b->priority && a->seq < b->seq);
}

static const wasio__heap_order by_priority = {sizeof(entry), earlier, NULL};

static int grow(wasio_queue *q) {
  if (q->_len < q->_cap) return 0;
  size_t cap = q->_cap ? q->_cap * 2 : 16;
  entry *e = malloc(cap * sizeof *e);
  if (e == NULL) return WASIO_ENOMEM;
  /* unroll the FIFO ring so that it starts at 0 */
  for (size_t i = 0; i < q->_len; i++)
    e[i] = items(q)[(q->_head + i) % (q->_cap ? q->_cap : 1)];
  free(q->_items);
  q->_items = e;
  q->_cap = cap;
  q->_head = 0;
  return 0;
}

static void push(wasio_queue *q, entry e) {
  entry *a = items(q);
  if (q->_kind == WASIO_QUEUE_FIFO) {
    a[(q->_head + q->_len) % q->_cap] = e;
    q->_len++;
  } else if (q->_kind == WASIO_QUEUE_LIFO) {
    a[q->_len++] = e;
  } else {
    a[q->_len] = e;
    wasio__heap_up(a, q->_len++, &by_priority);
  }
}

static entry pop(wasio_queue *q) {
  entry *a = items(q);
  entry out;
  if (q->_kind == WASIO_QUEUE_FIFO) {
    out = a[q->_head];
    q->_head = (q->_head + 1) % q->_cap;
    q->_len--;
  } else if (q->_kind == WASIO_QUEUE_LIFO) {
    out = a[--q->_len];
  } else {
    out = a[0];
    wasio__heap_take(a, q->_len--, 0, &by_priority);
  }
  return out;
}

static int is_full(const wasio_queue *q) {
  return q->_maxsize > 0 && q->_len >= q->_maxsize;
}

static q_waiter *first(wasio__list *list) {
  wasio__list *n = wasio__list_first(list);
  return n ? WASIO__CONTAINER(n, q_waiter, p.node) : NULL;
}

static void serve(q_waiter *w, int status) {
  w->status = status;
  wasio__unpark(&w->p, 0);
}

int wasio_queue_init(wasio_queue *q, wasio_queue_kind kind, size_t maxsize) {
  if (q == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_queue_init: queue is NULL");
  if ((int)kind < 0 || kind > WASIO_QUEUE_PRIORITY)
    return wasio__set_error(WASIO_EINVAL, "wasio_queue_init: unknown kind %d",
                            (int)kind);
  memset(q, 0, sizeof *q);
  wasio__list_init(&q->_getters);
  wasio__list_init(&q->_putters);
  wasio__list_init(&q->_joiners);
  q->_kind = kind;
  q->_maxsize = maxsize;
  q->_magic = WASIO__MAGIC_QUEUE;
  return 0;
}

void wasio_queue_destroy(wasio_queue *q) {
  if (q == NULL || q->_magic != WASIO__MAGIC_QUEUE) return;
  /* anyone still parked wakes with ESHUTDOWN rather than never */
  wasio_queue_shutdown(q, 1);
  free(q->_items);
  q->_items = NULL;
  q->_magic = WASIO__MAGIC_DEAD;
}

/* Adds e, or hands it straight to a parked getter. */
static int put_entry(wasio_queue *q, entry e) {
  q_waiter *g = first(&q->_getters);
  if (g != NULL) { /* the queue is empty when getters wait */
    g->e = e;
    q->_unfinished++;
    serve(g, 0);
    return 0;
  }
  if (grow(q) != 0) return WASIO_ENOMEM;
  push(q, e);
  q->_unfinished++;
  return 0;
}

static int put(wasio_queue *q, int64_t priority, void *item, int wait,
               const char *what) {
  WASIO__CHECK_INIT(q, WASIO__MAGIC_QUEUE, what);
again:
  if (q->_shutdown)
    return wasio__set_error(WASIO_ESHUTDOWN, "%s: the queue is shut down",
                            what);
  /* Full, or others are already waiting to put: wait in line. */
  if (is_full(q) || !wasio__list_empty(&q->_putters)) {
    if (!wait)
      return wasio__set_error(WASIO_EFULL, "%s: the queue is full", what);
    int err;
    wasio__task *t = wasio__need_task(what, &err);
    if (t == NULL) return err;
    if (wasio__cancelled(t)) {
      int rc = wasio__checkpoint(t);
      if (rc != 0) return rc;
      goto again; /* the cancellation was taken back: look again */
    }
    q_waiter w;
    w.e = (entry){priority, q->_seq++, item};
    w.status = 0;
    wasio__waiting_on(t, "queue put");
    int rc = wasio__park(&q->_putters, &w.p);
    if (rc == WASIO__SERVED_CANCELLED && w.status == 0) {
      wasio__keep(t); /* the item is in: the put happened */
      rc = 0;
    }
    if (rc != 0) return wasio__cancelled_error(t);
    if (w.status != 0)
      return wasio__set_error(w.status, "%s: the queue is shut down", what);
    return 0; /* a get moved the item in */
  }
  if (put_entry(q, (entry){priority, q->_seq++, item}) != 0)
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  return 0;
}

int wasio_queue_put(wasio_queue *q, void *item) {
  return put(q, 0, item, 1, "wasio_queue_put");
}

int wasio_queue_put_priority(wasio_queue *q, int64_t priority, void *item) {
  return put(q, priority, item, 1, "wasio_queue_put_priority");
}

int wasio_queue_put_nowait(wasio_queue *q, void *item) {
  return put(q, 0, item, 0, "wasio_queue_put_nowait");
}

/* After an item left: move the first parked putter's item in. */
static void admit_putter(wasio_queue *q) {
  q_waiter *p = first(&q->_putters);
  if (p == NULL || is_full(q)) return;
  if (grow(q) != 0) return; /* it stays parked; a later get retries */
  push(q, p->e);
  q->_unfinished++;
  serve(p, 0);
}

/* A getter handed e was cancelled before it resumed: e goes to the next
 * getter, or back where it was, at the head of the line (asyncio's getter
 * that raises never took it). */
static int give_back(wasio_queue *q, entry e) {
  q_waiter *g = first(&q->_getters);
  if (g != NULL) {
    g->e = e;
    serve(g, 0);
    return 0;
  }
  if (grow(q) != 0) return WASIO_ENOMEM;
  entry *a = items(q);
  if (q->_kind == WASIO_QUEUE_FIFO) {
    q->_head = (q->_head + q->_cap - 1) % q->_cap;
    a[q->_head] = e;
    q->_len++;
  } else if (q->_kind == WASIO_QUEUE_LIFO) {
    memmove(a + 1, a, q->_len * sizeof *a);
    a[0] = e;
    q->_len++;
  } else {
    push(q, e); /* its original order key puts it back in place */
  }
  return 0;
}

static int get(wasio_queue *q, void **item, int wait, const char *what) {
  WASIO__CHECK_INIT(q, WASIO__MAGIC_QUEUE, what);
again:
  if (q->_len > 0) {
    entry e = pop(q);
    admit_putter(q);
    if (item) *item = e.item;
    return 0;
  }
  if (q->_shutdown)
    return wasio__set_error(WASIO_ESHUTDOWN, "%s: the queue is shut down",
                            what);
  if (!wait) return wasio__set_error(WASIO_EEMPTY, "%s: the queue is empty",
                                     what);
  int err;
  wasio__task *t = wasio__need_task(what, &err);
  if (t == NULL) return err;
  if (wasio__cancelled(t)) {
    int rc = wasio__checkpoint(t);
    if (rc != 0) return rc;
    goto again; /* the cancellation was taken back: look again */
  }
  q_waiter w;
  w.status = 0;
  wasio__waiting_on(t, "queue get");
  int rc = wasio__park(&q->_getters, &w.p);
  if (rc == WASIO__SERVED_CANCELLED && w.status == 0 &&
      give_back(q, w.e) != 0) {
    wasio__keep(t); /* no memory to put it back: the getter keeps it */
    rc = 0;
  }
  if (rc != 0) return wasio__cancelled_error(t);
  if (w.status != 0)
    return wasio__set_error(w.status, "%s: the queue is shut down", what);
  if (item) *item = w.e.item;
  return 0;
}

int wasio_queue_get(wasio_queue *q, void **item) {
  return get(q, item, 1, "wasio_queue_get");
}

int wasio_queue_get_nowait(wasio_queue *q, void **item) {
  return get(q, item, 0, "wasio_queue_get_nowait");
}

size_t wasio_queue_size(const wasio_queue *q) {
  return q && q->_magic == WASIO__MAGIC_QUEUE ? q->_len : 0;
}

int wasio_queue_empty(const wasio_queue *q) { return wasio_queue_size(q) == 0; }

int wasio_queue_full(const wasio_queue *q) {
  return q && q->_magic == WASIO__MAGIC_QUEUE && is_full(q);
}

int wasio_queue_task_done(wasio_queue *q) {
  WASIO__CHECK_INIT(q, WASIO__MAGIC_QUEUE, "wasio_queue_task_done");
  if (q->_unfinished == 0)
    return wasio__set_error(WASIO_ESTATE, "wasio_queue_task_done: called "
                            "more times than there were items");
  if (--q->_unfinished == 0)
    while (wasio__unpark_first(&q->_joiners, 0)) {
    }
  return 0;
}

int wasio_queue_join(wasio_queue *q) {
  WASIO__CHECK_INIT(q, WASIO__MAGIC_QUEUE, "wasio_queue_join");
  int err;
  wasio__task *t = wasio__need_task("wasio_queue_join", &err);
  if (t == NULL) return err;
  int rc = wasio__checkpoint(t);
  if (rc != 0) return rc;
  if (q->_unfinished == 0) return 0;
  wasio__parked p;
  wasio__waiting_on(t, "queue join");
  return wasio__park(&q->_joiners, &p) == 0 ? 0 : wasio__cancelled_error(t);
}

int wasio_queue_shutdown(wasio_queue *q, int immediate) {
  WASIO__CHECK_INIT(q, WASIO__MAGIC_QUEUE, "wasio_queue_shutdown");
  q->_shutdown = 1;
  if (immediate) {
    q->_unfinished -= q->_len < q->_unfinished ? q->_len : q->_unfinished;
    q->_len = 0;
    q->_head = 0;
    if (q->_unfinished == 0)
      while (wasio__unpark_first(&q->_joiners, 0)) {
      }
  }
  q_waiter *w;
  while ((w = first(&q->_putters)) != NULL) serve(w, WASIO_ESHUTDOWN);
  if (q->_len == 0)
    while ((w = first(&q->_getters)) != NULL) serve(w, WASIO_ESHUTDOWN);
  return 0;
}
