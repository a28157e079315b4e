/* Intrusive circular doubly-linked lists with a sentinel head: every queue
 * of waiters, the loop's resources and descriptors. A node not on any list
 * has next == NULL, and removing it again does nothing. */
#ifndef WASIO_LIST_H
#define WASIO_LIST_H

#include "wasio.h" /* wasio__list: user structs embed nodes */

static inline void wasio__list_init(wasio__list *head) {
  head->prev = head->next = head;
}

static inline int wasio__list_empty(const wasio__list *head) {
  return head->next == head;
}

/* at the back */
static inline void wasio__list_push(wasio__list *head, wasio__list *node) {
  node->next = head;
  node->prev = head->prev;
  head->prev->next = node;
  head->prev = node;
}

static inline void wasio__list_remove(wasio__list *node) {
  if (node->next == NULL) return;
  node->prev->next = node->next;
  node->next->prev = node->prev;
  node->next = node->prev = NULL;
}

/* NULL if empty */
static inline wasio__list *wasio__list_first(wasio__list *head) {
  return head->next == head ? NULL : head->next;
}

#endif /* WASIO_LIST_H */
