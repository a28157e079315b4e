/* Coroutines in wasm with Binaryen Asyncify, driven from inside the module
 * (no JavaScript on the switch path), shared by the WASI and Emscripten
 * builds. `wasm-opt --asyncify` turns the four "asyncify" imports below into
 * functions of the module and instruments every function that can reach
 * wasio__coro_yield.
 *
 * Yield unwinds the task's wasm frames into a buffer and returns to
 * wasio__coro_resume at the bottom of the stack; resume rewinds them by
 * calling the task's entry again. Two rules of Binaryen's decide where the
 * code below lives:
 *   - a function that calls start_unwind or stop_rewind is "top-most
 *     runtime" and is not instrumented (its callers are): coro_yield,
 *     called through wasio__coro_yield_fn so that it is never inlined into
 *     a caller (coro.h);
 *   - a function that calls stop_unwind or start_rewind is "bottom-most
 *     runtime", also not instrumented: wasio__coro_resume. No task code may
 *     be inlined into it, so tasks are entered through a function pointer
 *     (to wasio__coro_body, in task.c).
 * Address-taken locals live on the C shadow stack (the __stack_pointer
 * global), which Asyncify does not save: each task has its own, and the
 * switch saves and sets __stack_pointer. */
#if defined(__wasm__)
#include "coro.h"
#define WASIO__BUILDING 1 /* the library: no call-site macros */
#include "wasio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("asyncify"), import_name("start_unwind")))
void asyncify_start_unwind(void *data);
__attribute__((import_module("asyncify"), import_name("stop_unwind")))
void asyncify_stop_unwind(void);
__attribute__((import_module("asyncify"), import_name("start_rewind")))
void asyncify_start_rewind(void *data);
__attribute__((import_module("asyncify"), import_name("stop_rewind")))
void asyncify_stop_rewind(void);

/* The WASI build's hard limit on every task's shadow stack (see
 * scripts/stack-check.mjs, which links this import to the checks that
 * Binaryen's stack-check pass puts before every move of the stack
 * pointer): moving it outside [limit, base] traps before anything is
 * written there. The spare room at the bottom of each stack (below) stays
 * inside the limit, so a small overflow is still reported as WASIO_ESTACK;
 * a larger one stops the program instead of damaging memory. Both the
 * WASI and the web build go through the script. */
#if defined(__wasi__) || defined(__EMSCRIPTEN__)
__attribute__((import_module("wasio"), import_name("set_stack_limits")))
void wasio__set_stack_limits(void *base, void *limit);
#define UNCHECKED_BASE ((void *)(uintptr_t)0xffffffffu)
#else
#define wasio__set_stack_limits(base, limit) ((void)0)
#endif

/* coro_sp.S: read and write the __stack_pointer global. */
void *wasio__get_sp(void);
void wasio__set_sp(void *sp);

#define CANARY 0x4f495357u /* "WSIO" */

/* Binaryen 108 has no get_state import: track the state ourselves. */
enum { NORMAL, UNWINDING, REWINDING };
static int state = NORMAL;

/* Asyncify's data header: the current position in the buffer (it grows up
 * while unwinding and comes back down while rewinding) and its end. */
struct asyncify_data {
  char *pos;
  char *end;
};

/* Frames are unwound into one shared buffer, then copied into the task's
 * own, sized to what it actually used: a suspended task costs its saved
 * frames, not a worst-case buffer. */
/* Binaryen checks the buffer's end only once the unwind is over
 * (binaryen#3839): a task whose saved frames outran it would already have
 * written past it. So the buffer is larger than any unwind can be: the
 * engines stop a wasm call stack at some ten to twenty thousand frames
 * (V8's 1 MB native stack, Wasmtime's 512 KiB), at a few hundred bytes of
 * saved locals a frame at most. It is zero-initialised data: pages never
 * touched cost nothing. A deeper stack traps in the engine first. */
#define SCRATCH_SIZE (8 * 1024 * 1024)
static char scratch[SCRATCH_SIZE] __attribute__((aligned(16)));
static struct asyncify_data data;

/* The coroutine that runs (NULL while the loop does), and what the layers
 * above lent. */
static wasio__coro *running;
static wasio__coro_hooks hooks;

void wasio__coro_set_hooks(const wasio__coro_hooks *h) { hooks = *h; }

size_t wasio__stack_round(size_t requested) {
  size_t size = requested ? requested : 16 * 1024;
  if (size < 4096) size = 4096;
  return (size + 15) & ~(size_t)15;
}

/* Blocks of one size (task stacks here, task records in task.c) come from
 * slabs and go back to a free list of their size: wasm memory never
 * shrinks, and every memory.grow is slow on V8 (a garbage collection, and
 * most of a 100,000-timer run's time when memory grew a megabyte at a
 * time). So a class's next slab is an eighth of what it holds already, at
 * least 1 MiB: a burst of 100,000 tasks grows memory some 60 times, not
 * 1,700, for at most an eighth held in reserve. The free list's link is a
 * block's last word: a stack's far end stays as its task left it. */
#define SLAB_MIN (1024 * 1024)

static void **slab_link(const wasio__slab_class *c, void *block) {
  return (void **)((char *)block + c->size - sizeof(void *));
}

void *wasio__slab_take(wasio__slab_class *c) {
  if (c->free != NULL) {
    void *block = c->free;
    c->free = *slab_link(c, block);
    return block;
  }
  if ((size_t)(c->end - c->next) < c->size) {
    size_t slab = c->held / 8;
    if (slab < SLAB_MIN) slab = SLAB_MIN;
    slab = (slab + 65535) & ~(size_t)65535;
    char *mem = aligned_alloc(16, slab);
    if (mem == NULL && slab > SLAB_MIN) mem = aligned_alloc(16, slab = SLAB_MIN);
    if (mem == NULL) return NULL;
    c->held += slab;
    c->next = mem;
    c->end = mem + slab;
  }
  void *block = c->next;
  c->next += c->size;
  return block;
}

void wasio__slab_give(wasio__slab_class *c, void *block) {
  *slab_link(c, block) = c->free;
  c->free = block;
}

#define SIZE_CLASSES 8
static wasio__slab_class classes[SIZE_CLASSES];

int wasio__stack_alloc(size_t size, void **base) {
  size_t i;
  for (i = 0; i < SIZE_CLASSES; i++)
    if (classes[i].size == size || classes[i].size == 0) break;
  if (i == SIZE_CLASSES || size > SLAB_MIN / 4) {
    /* an unusual size: a plain allocation of its own */
    void *mem = aligned_alloc(16, size);
    if (mem == NULL) return WASIO_ENOMEM;
    *base = mem;
    return 0;
  }
  classes[i].size = size;
  *base = wasio__slab_take(&classes[i]);
  return *base != NULL ? 0 : WASIO_ENOMEM;
}

void wasio__stack_free(void *base, size_t size) {
  for (size_t i = 0; i < SIZE_CLASSES; i++) {
    if (classes[i].size == size && size <= SLAB_MIN / 4) {
      wasio__slab_give(&classes[i], base);
      return;
    }
  }
  free(base);
}

/* No guard pages in wasm: the lowest RED_ZONE bytes of every stack are
 * spare room, with a canary every CANARY_STEP words, checked after every
 * switch. An overflow that reached the spare room and came back is
 * reported to the task (WASIO__STACK_OVERFLOW); one that got to the
 * bottom, or a task suspended inside the spare room, may have written past
 * its stack (WASIO__STACK_DAMAGED). */
#define RED_ZONE 1024
/* The hard limit (WASI): the lowest bytes, below the canaries' bottom. */
#define STACK_FLOOR 64

static uint32_t *red_zone(const wasio__coro *c) {
  return (uint32_t *)c->stack_base;
}

/* One canary every 64 bytes: a frame that reaches the spare room writes
 * over one of them (checking all 256 words would double a switch's cost). */
#define CANARY_STEP 16 /* words */

static void arm_canaries(wasio__coro *c) {
  uint32_t *z = red_zone(c);
  for (size_t i = 0; i < RED_ZONE / 4; i += CANARY_STEP) z[i] = CANARY;
}

int wasio__coro_check(wasio__coro *c) {
  if (c->stack_base == NULL) return WASIO__STACK_OK;
  const uint32_t *z = red_zone(c);
  if (z[0] != CANARY) return WASIO__STACK_DAMAGED;
  int touched = 0;
  for (size_t i = CANARY_STEP; i < RED_ZONE / 4; i += CANARY_STEP)
    touched |= z[i] != CANARY;
  if (!touched &&
      (!c->started || (char *)c->sp >= (char *)c->stack_base + RED_ZONE))
    return WASIO__STACK_OK;
  if ((char *)c->sp < (char *)c->stack_base + STACK_FLOOR)
    return WASIO__STACK_DAMAGED;
  arm_canaries(c); /* to see the next one */
  return WASIO__STACK_OVERFLOW;
}

void wasio__coro_init(wasio__coro *c, void *stack_base, size_t stack_size) {
  void *saved = c->saved;
  size_t cap = c->saved_cap;
  memset(c, 0, sizeof *c);
  c->saved = saved;
  c->saved_cap = cap;
  c->stack_base = stack_base;
  c->stack_size = stack_size;
  arm_canaries(c);
  /* the shadow stack grows down from the top, 16-byte aligned */
  c->sp = (char *)(((uintptr_t)stack_base + stack_size) & ~(uintptr_t)15);
}

/* A task's first frame (see wasio__coro_body), through a pointer. */
static void (*volatile body)(wasio__coro *, float) = wasio__coro_body;

void wasio__coro_resume(wasio__coro *c) {
  void *loop_sp = wasio__get_sp();
  if (c->started) {
    /* Asyncify pops the task's frames from where they were copied: a
     * rewind only reads (it is the unwind that may run past the end of a
     * buffer, and that one goes to the scratch buffer). */
    data.pos = (char *)c->saved + c->saved_len;
    data.end = (char *)c->saved + c->saved_cap;
    state = REWINDING;
    asyncify_start_rewind(&data);
  }
  c->started = 1;
  running = c;
  wasio__set_sp(c->sp);
  wasio__set_stack_limits((char *)c->stack_base + c->stack_size,
                          (char *)c->stack_base + STACK_FLOOR);
  body(c, WASIO__YIELD_KEY);
  running = NULL;
  /* back on the loop's side: its own stack is not a task's */
  wasio__set_stack_limits(UNCHECKED_BASE, NULL);
  if (state == UNWINDING) {
    asyncify_stop_unwind();
    state = NORMAL;
    size_t used = (size_t)(data.pos - scratch);
    if (used > c->saved_cap) {
      size_t cap = used < 256 ? 256 : used * 2;
      void *buf = realloc(c->saved, cap);
      if (buf == NULL && hooks.release_reserve != NULL &&
          hooks.release_reserve())
        buf = realloc(c->saved, cap);
      if (buf == NULL) {
        fprintf(stderr, "wasio: fatal: no memory to suspend a task\n");
        abort();
      }
      c->saved = buf;
      c->saved_cap = cap;
    }
    memcpy(c->saved, scratch, used);
    c->saved_len = used;
  }
  wasio__set_sp(loop_sp);
}

static WASIO__NOINLINE void coro_yield(wasio__coro *c, float key) {
  (void)key;
  if (state == REWINDING) {
    /* Second call, on the way back in: the task's frames are restored. */
    asyncify_stop_rewind();
    state = NORMAL;
    return;
  }
  c->sp = wasio__get_sp();
  data.pos = scratch;
  data.end = scratch + SCRATCH_SIZE;
  state = UNWINDING;
  asyncify_start_unwind(&data);
}
void (*volatile wasio__coro_yield_fn)(wasio__coro *, float) = coro_yield;

/* The stack pointer a frame wanted when the stack limit stopped it: the
 * stack check calls this just before its trap (scripts/stack-check.mjs
 * adds the call; `used` keeps the function for it to find). It takes no
 * shadow frame, so it cannot overflow itself. */
static void *overflow_sp;
__attribute__((used, noinline)) void wasio__stack_overflowed(void *sp) {
  overflow_sp = sp;
}

/* After a trap, for the host to explain it: if the stack check trapped
 * while a coroutine ran, the trap was that task's stack limit. */
wasio__coro *wasio__coro_trapped(void) {
  wasio__coro *c = running;
  if (c == NULL || c->stack_base == NULL || overflow_sp == NULL) return NULL;
  char *sp = wasio__get_sp(), *floor = (char *)c->stack_base;
  /* The frames are dead, and what follows (the report's printf) runs
   * unchecked: in the upper half of the stack, which holds none of the
   * frames of this call (they sit just below sp). A big frame that did
   * not fit leaves sp high; deep recursion leaves it near the floor. */
  wasio__set_stack_limits(UNCHECKED_BASE, NULL);
  if (sp < floor + c->stack_size / 2) wasio__set_sp(floor + c->stack_size);
  return c;
}

void wasio__coro_release(wasio__coro *c) {
  free(c->saved);
  c->saved = NULL;
  c->saved_len = c->saved_cap = 0;
  c->started = 0;
}
#endif /* __wasm__ */
