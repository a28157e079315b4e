/* The one binary min-heap, for the loop's timers (timer_heap.c) and
 * PriorityQueue (queue.c). It orders an array of fixed-size elements in
 * place, by the caller's `before`; `placed`, if given, is told where each
 * element moved (a timer keeps its index, to leave in O(log n)). Static
 * inline with a constant order, the compiler makes a heap of its own for
 * each user: no call through a pointer on the timer path. */
#ifndef WASIO_HEAP_H
#define WASIO_HEAP_H

#include <stddef.h>
#include <string.h>

#define WASIO__HEAP_ELEMENT_MAX 32 /* bytes */

typedef struct wasio__heap_order {
  size_t size; /* of an element, at most WASIO__HEAP_ELEMENT_MAX */
  int (*before)(const void *a, const void *b);
  void (*placed)(void *element, size_t index); /* NULL: nobody asks */
} wasio__heap_order;

static inline void wasio__heap_put(char *base, size_t i, const void *e,
                                   const wasio__heap_order *o) {
  memcpy(base + i * o->size, e, o->size);
  if (o->placed != NULL) o->placed(base + i * o->size, i);
}

/* The element at i moves up to where it belongs. */
static inline void wasio__heap_up(void *array, size_t i,
                                  const wasio__heap_order *o) {
  char *base = array, e[WASIO__HEAP_ELEMENT_MAX];
  memcpy(e, base + i * o->size, o->size);
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!o->before(e, base + parent * o->size)) break;
    wasio__heap_put(base, i, base + parent * o->size, o);
    i = parent;
  }
  wasio__heap_put(base, i, e, o);
}

/* The element at i, of n, moves down to where it belongs. */
static inline void wasio__heap_down(void *array, size_t n, size_t i,
                                    const wasio__heap_order *o) {
  char *base = array, e[WASIO__HEAP_ELEMENT_MAX];
  memcpy(e, base + i * o->size, o->size);
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n &&
        o->before(base + (child + 1) * o->size, base + child * o->size))
      child++;
    if (!o->before(base + child * o->size, e)) break;
    wasio__heap_put(base, i, base + child * o->size, o);
    i = child;
  }
  wasio__heap_put(base, i, e, o);
}

/* Takes the element at i out of a heap of n (n - 1 are left): the last one
 * fills its place and moves whichever way it must. */
static inline void wasio__heap_take(void *array, size_t n, size_t i,
                                    const wasio__heap_order *o) {
  char *base = array;
  if (i == n - 1) return;
  wasio__heap_put(base, i, base + (n - 1) * o->size, o);
  if (i > 0 && o->before(base + i * o->size, base + (i - 1) / 2 * o->size))
    wasio__heap_up(base, i, o);
  else
    wasio__heap_down(base, n - 1, i, o);
}

/* Makes a heap of n elements in any order. */
static inline void wasio__heap_make(void *array, size_t n,
                                    const wasio__heap_order *o) {
  for (size_t i = n / 2; i-- > 0;) wasio__heap_down(array, n, i, o);
  if (o->placed != NULL)
    for (size_t i = 0; i < n; i++) o->placed((char *)array + i * o->size, i);
}

#endif /* WASIO_HEAP_H */
