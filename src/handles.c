/* Handles: the table behind wasio_task and wasio_handle values.
 *
 * Slot 0 is never used, so the zero handle is always invalid. A slot's
 * generation moves on when its object is freed: old handles then miss.
 * Generations are 56 bits: a slot reused once a nanosecond would take
 * over a year to wrap, so a stale handle never names a new task (32-bit
 * ones did, after 8 million create/release cycles of one slot, 3 s).
 * Each thread has its own table (its loops are its own); a handle's
 * generation carries its table's number in the top 8 bits, so a handle
 * used on the wrong thread is refused instead of naming whatever task has
 * the same slot there. Messages show the generation without it. */
#include "internal.h"

#include <stdatomic.h>
#include <stdlib.h>

#define SEQ_BITS 56
#define SEQ_MASK ((UINT64_C(1) << SEQ_BITS) - 1)
#define OWNER(gen) ((uint32_t)((gen) >> SEQ_BITS))

typedef struct slot {
  uint64_t gen;
  uint32_t next_free;
  uint8_t kind;
  void *obj;
} slot;

static WASIO__TLS slot *slots;
static WASIO__TLS uint32_t slots_len, slots_cap, free_head;

static atomic_uint tables;
static WASIO__TLS uint32_t table; /* this thread's number, 1..255 */

void wasio__slots_thread_free(void) {
  free(slots);
  slots = NULL;
  slots_len = slots_cap = free_head = 0;
}

static uint32_t this_table(void) {
  if (table == 0) {
    table = atomic_fetch_add(&tables, 1) % 255 + 1;
  }
  return table;
}

int wasio__slot_alloc(void *obj, int kind, uint32_t *out_slot,
                      uint64_t *out_gen) {
  uint32_t i = free_head;
  if (i != 0) {
    free_head = slots[i].next_free;
  } else {
    if (slots_len == 0) slots_len = 1;
    if (slots_len >= slots_cap) {
      uint32_t cap = slots_cap ? slots_cap * 2 : 256;
      slot *s = realloc(slots, cap * sizeof *s);
      if (s == NULL) return WASIO_ENOMEM;
      slots = s;
      slots_cap = cap;
    }
    i = slots_len++;
    slots[i].gen = 0;
  }
  slots[i].gen = (slots[i].gen + 1) & SEQ_MASK;
  if (slots[i].gen == 0) slots[i].gen = 1;
  slots[i].kind = (uint8_t)kind;
  slots[i].obj = obj;
  *out_slot = i;
  *out_gen = (uint64_t)this_table() << SEQ_BITS | slots[i].gen;
  return 0;
}

void wasio__slot_free(uint32_t i) {
  slots[i].obj = NULL;
  slots[i].gen = (slots[i].gen + 1) & SEQ_MASK;
  slots[i].next_free = free_head;
  free_head = i;
}

/* For the tests: moves a free slot's generation on by `by`, as that many
 * reuses would (tests/c/test_misuse.c). */
void wasio__slot_age(uint32_t i, uint64_t by);
void wasio__slot_age(uint32_t i, uint64_t by) {
  if (i != 0 && i < slots_len && slots[i].obj == NULL)
    slots[i].gen = (slots[i].gen + by) & SEQ_MASK;
}

/* Why handle {i, gen} names no object of `kind`, as the error. */
static void *slot_miss(uint32_t i, uint64_t gen, int kind, int *err) {
  const char *what = kind == WASIO__KIND_TASK ? "task" : "callback";
  uint32_t owner = OWNER(gen);
  /* `table` is 0 on a thread that never made a handle: all are foreign */
  if (owner != table && owner != 0) {
    *err = wasio__set_error(WASIO_EINVAL, "%s handle {%u, %llu} belongs to "
                            "another thread's loop", what, (unsigned)i,
                            (unsigned long long)(gen & SEQ_MASK));
    return NULL;
  }
  gen &= SEQ_MASK;
  if (owner == 0 || i == 0 || i >= slots_len || gen == 0 ||
      gen > slots[i].gen) {
    *err = wasio__set_error(WASIO_EINVAL, "invalid %s handle {%u, %llu}",
                            what, (unsigned)i, (unsigned long long)gen);
    return NULL;
  }
  if (slots[i].obj == NULL || slots[i].gen != gen) {
    *err = wasio__set_error(WASIO_ESTALE,
                            "%s handle {%u, %llu} refers to a %s that was "
                            "freed", what, (unsigned)i,
                            (unsigned long long)gen, what);
    return NULL;
  }
  if (slots[i].kind != kind) {
    *err = wasio__set_error(WASIO_EINVAL, "handle {%u, %llu} is not a %s",
                            (unsigned)i, (unsigned long long)gen, what);
    return NULL;
  }
  return slots[i].obj;
}

void *wasio__slot_get(uint32_t i, uint64_t gen, int kind, int *err) {
  /* the common case first: a live object of this thread's table */
  if (i < slots_len && OWNER(gen) == table && slots[i].obj != NULL &&
      slots[i].gen == (gen & SEQ_MASK) && slots[i].kind == kind)
    return slots[i].obj;
  return slot_miss(i, gen, kind, err);
}
