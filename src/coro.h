/* The coroutine backends: a task's stack and the switch onto it and back.
 * One backend per platform family: coro_native.c (the switch) with
 * stack_native.c (the stacks), and coro_asyncify.c (wasm, Binaryen
 * Asyncify). A backend knows coroutines and stacks only: which coroutine
 * runs is its own state, and what it has to tell the layers above goes
 * through the hooks they register (wasio__coro_hooks). The switch is
 * asymmetric: the loop resumes a coroutine, the coroutine yields back. */
#ifndef WASIO_CORO_H
#define WASIO_CORO_H

#include "base.h"

#if defined(WASIO__WASM)
typedef struct wasio__coro {
  void *stack_base; /* lowest address of the task's shadow stack */
  size_t stack_size;
  void *sp;         /* saved __stack_pointer while suspended */
  void *saved;      /* Asyncify frames copied out of the shared buffer */
  size_t saved_len, saved_cap;
  int started;
  int overflowed;
} wasio__coro;
#else
#if defined(__SANITIZE_ADDRESS__)
#define WASIO__ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WASIO__ASAN 1
#endif
#endif
typedef struct wasio__coro {
  void *stack_base;
  size_t stack_size;
  void *ctx; /* saved stack pointer or ucontext_t*, backend's choice */
#if defined(WASIO__ASAN)
  void *asan_fake_stack;
#endif
#if defined(WASIO_VALGRIND)
  unsigned valgrind_id; /* the stack as memcheck knows it */
#endif
  uint8_t started;
  uint8_t watched; /* the stack has no guard page: watch its far end */
  uint8_t overflowed; /* set by the fault handler (read after the switch, an opaque call) */
} wasio__coro;
#endif

/* ------------------------------------------------------------------ stacks
 * (stack_native.c natively, coro_asyncify.c in wasm) */

/* The largest stack a task may ask for (wasio_run_opts.stack_size). */
#define WASIO__STACK_MAX ((size_t)1 << 30)
/* The stack size a loop uses for `requested` bytes (0: the default). */
size_t wasio__stack_round(size_t requested);
/* A stack of exactly `size` bytes, a value wasio__stack_round returned:
 * 0, or WASIO_ENOMEM. */
int wasio__stack_alloc(size_t size, void **base);
void wasio__stack_free(void *base, size_t size);
#if !defined(WASIO__WASM)
/* Whether the stack at `base` has no guard page below it (an arena stack
 * where the kernel has no guard markers): its far end is watched. */
int wasio__stack_watched(const void *base);
/* For tests. How many stacks may have a mapping of their own with a guard
 * page at once (the rest come from arenas); returns the budget it
 * replaces. And whether arenas made from now on get guard markers (0: no;
 * else as the kernel allows); returns -1 (not known yet), 0 or 1. */
size_t wasio__stack_guard_budget(size_t budget);
int wasio__stack_arena_guards(int use);
#endif

#if defined(WASIO__WASM)
/* Blocks of `size` bytes (16-byte aligned when size is a multiple of 16)
 * from slabs that are never given back, with a free list; one class per
 * size, zero-initialised with its size set. */
typedef struct wasio__slab_class {
  size_t size;
  void *free;
  char *next, *end; /* what is left of the newest slab */
  size_t held;      /* bytes of slabs taken so far */
} wasio__slab_class;
void *wasio__slab_take(wasio__slab_class *c); /* NULL: out of memory */
void wasio__slab_give(wasio__slab_class *c, void *block);
#endif

/* ------------------------------------------------------------------ switch */

/* c runs wasio__coro_body on the stack given, when first resumed. */
void wasio__coro_init(wasio__coro *c, void *stack_base, size_t stack_size);
/* What a coroutine runs: the layer above's (task.c), which finds its task
 * around c. In wasm it is the first frame on a task's stack, entered (and
 * on every rewind entered again) through a pointer, so that no optimizer
 * inlines it into the resume, and one of the yield's signature (see
 * wasio__coro_yield_fn), which no callback shares: hence the unused key.
 * Every frame between it and the yield is unwound and rewound at each
 * switch, so there is no trampoline between it and the resume. */
void wasio__coro_body(wasio__coro *c, float key);
/* Loop side: runs c until it yields or its entry returns. */
void wasio__coro_resume(wasio__coro *c);
/* Coroutine side: back to the loop; returns when resumed. In wasm the call
 * goes through a pointer that no optimizer can see through: were the yield
 * inlined into its caller (Binaryen's -O2 inlines a one-caller function,
 * and emcc runs it at link time), that caller would call start_unwind
 * itself, count as "top-most runtime" and be left uninstrumented, and its
 * code after the yield would run during the unwind. An indirect call also
 * marks the caller as one that can unwind. The unused float argument gives
 * the pointer a signature that C code rarely has: an indirect call can only
 * reach a function of its own signature, and scripts/asyncify-list.mjs
 * instruments only the callers that can reach the yield that way. */
#if defined(WASIO__WASM)
#define WASIO__YIELD_KEY 1.0f
extern void (*volatile wasio__coro_yield_fn)(wasio__coro *c, float key);
static inline void wasio__coro_yield(wasio__coro *c) {
  wasio__coro_yield_fn(c, WASIO__YIELD_KEY);
}
#else
void wasio__coro_yield(wasio__coro *c);
#endif
/* The coroutine's switch state goes (its stack stays the caller's). */
void wasio__coro_release(wasio__coro *c);

/* ---------------------------------------------------------------- overflow
 * What became of the coroutine's stack, asked after every switch:
 *   OK         intact;
 *   OVERFLOW   it went past its end, into the spare room below that takes
 *              a small overflow, and is back: the task is told (its await
 *              points fail with WASIO_ESTACK) and unwinds through its own
 *              code;
 *   ABANDONED  it hit its guard page: its frames are gone, the loop ends
 *              it with WASIO_ESTACK (native);
 *   DAMAGED    it is still beyond its end, or went past the spare room:
 *              memory around it may be damaged; fatal. */
enum {
  WASIO__STACK_OK = 0,
  WASIO__STACK_OVERFLOW = 1,
  WASIO__STACK_ABANDONED = 2,
  WASIO__STACK_DAMAGED = 3
};
int wasio__coro_check(wasio__coro *c);
/* Whether the check can find anything: natively only after a fault or on
 * a watched stack, so the switch path skips the call. */
#if defined(WASIO__WASM)
#define WASIO__CORO_CHECKED(c) 1
#else
#define WASIO__CORO_CHECKED(c) ((c)->overflowed | (c)->watched)
#endif
#if defined(WASIO__WASM)
/* After a trap: the coroutine that was running with its stack pointer at
 * its floor (the stack limit stopped it), or NULL. The coroutine's frames
 * are dead; the caller may run on what is left of its stack. */
wasio__coro *wasio__coro_trapped(void);
#endif

/* ------------------------------------------------------------------- hooks
 * What the layers above lend the backend. */
typedef struct wasio__coro_hooks {
  /* Memory ran out while a suspension needed some (wasm: the frames are
   * copied out): give back what is held in reserve; 1 if there was some.
   * Native suspensions need no memory and never call it. */
  int (*release_reserve)(void);
} wasio__coro_hooks;
/* Set before the first resume of a thread's first coroutine. */
void wasio__coro_set_hooks(const wasio__coro_hooks *hooks);

#endif /* WASIO_CORO_H */
