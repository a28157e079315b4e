/* A binary min-heap of timers ordered by (deadline, arming order), with each
 * timer knowing its slot so that a cancelled sleep leaves in O(log n). */
#include "heap.h"
#include "internal.h"

#include <stdlib.h>

static int earlier(const void *a, const void *b) {
  const wasio__timer *x = *(wasio__timer *const *)a;
  const wasio__timer *y = *(wasio__timer *const *)b;
  return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

static void placed(void *element, size_t index) {
  (*(wasio__timer **)element)->index = (uint32_t)index;
}

static const wasio__heap_order order = {sizeof(wasio__timer *), earlier,
                                        placed};

int wasio__heap_push(wasio__heap *h, wasio__timer *t) {
  if (h->len == h->cap) {
    if (h->cap >= WASIO__TIMER_ASIDE / 2) return WASIO_ENOMEM; /* indexes */
    size_t cap = h->cap ? h->cap * 2 : 64;
    wasio__timer **items = realloc(h->items, cap * sizeof *items);
    if (items == NULL) return WASIO_ENOMEM;
    h->items = items;
    h->cap = cap;
  }
  h->items[h->len] = t;
  wasio__heap_up(h->items, h->len++, &order);
  return 0;
}

wasio__timer *wasio__heap_peek(const wasio__heap *h) {
  return h->len ? h->items[0] : NULL;
}

void wasio__heap_remove(wasio__heap *h, wasio__timer *t) {
  wasio__heap_take(h->items, h->len--, t->index, &order);
  t->index = WASIO__TIMER_IDLE;
}

void wasio__heap_drop_range(wasio__heap *h, const void *lo, const void *hi) {
  size_t kept = 0;
  for (size_t i = 0; i < h->len; i++) {
    const char *at = (const char *)h->items[i];
    if (at < (const char *)lo || at >= (const char *)hi)
      h->items[kept++] = h->items[i];
  }
  if (kept == h->len) return;
  h->len = kept;
  wasio__heap_make(h->items, h->len, &order);
}

void wasio__heap_free(wasio__heap *h) {
  free(h->items);
  h->items = NULL;
  h->len = h->cap = 0;
}
