/* A binary min-heap of timers ordered by (deadline, arming order), with each
 * timer knowing its slot so that a cancelled sleep leaves in O(log n). */
#include "internal.h"

#include <stdlib.h>

static int earlier(const wasio__timer *a, const wasio__timer *b) {
  return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void place(wasio__heap *h, size_t i, wasio__timer *t) {
  h->items[i] = t;
  t->index = i;
}

static void sift_up(wasio__heap *h, size_t i) {
  wasio__timer *t = h->items[i];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!earlier(t, h->items[parent])) break;
    place(h, i, h->items[parent]);
    i = parent;
  }
  place(h, i, t);
}

static void sift_down(wasio__heap *h, size_t i) {
  wasio__timer *t = h->items[i];
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= h->len) break;
    if (child + 1 < h->len && earlier(h->items[child + 1], h->items[child]))
      child++;
    if (!earlier(h->items[child], t)) break;
    place(h, i, h->items[child]);
    i = child;
  }
  place(h, i, t);
}

int wasio__heap_push(wasio__heap *h, wasio__timer *t) {
  if (h->len == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 64;
    wasio__timer **items = realloc(h->items, cap * sizeof *items);
    if (items == NULL) return WASIO_ENOMEM;
    h->items = items;
    h->cap = cap;
  }
  h->items[h->len] = t;
  sift_up(h, h->len++);
  return 0;
}

wasio__timer *wasio__heap_peek(const wasio__heap *h) {
  return h->len ? h->items[0] : NULL;
}

void wasio__heap_remove(wasio__heap *h, wasio__timer *t) {
  size_t i = t->index;
  wasio__timer *last = h->items[--h->len];
  t->index = SIZE_MAX;
  if (last == t) return;
  place(h, i, last);
  if (i > 0 && earlier(last, h->items[(i - 1) / 2]))
    sift_up(h, i);
  else
    sift_down(h, i);
}

void wasio__heap_free(wasio__heap *h) {
  free(h->items);
  h->items = NULL;
  h->len = h->cap = 0;
}
