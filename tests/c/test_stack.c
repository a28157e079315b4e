/* Stack overflow in a task: WASIO_ESTACK naming the task, never silent
 * damage. Natively the task runs into its guard page and is ended on the
 * spot (its frames are abandoned, the code after the recursion never
 * runs); in wasm, where there are no guard pages, an overflow into the
 * spare room at the bottom of the stack is found at the task's next switch
 * and its await points fail with WASIO_ESTACK, so it unwinds itself. */
#include "test.h"

#include <stdint.h>

#if defined(__wasm__)
#define STACK 16384
#define DEPTH (STACK - 640) /* into the 1 KiB spare room, not past it */
#else
#define STACK 65536
#define DEPTH (STACK + 65536) /* well past the guard page */
#endif

static uintptr_t top;
static uintptr_t depth = DEPTH; /* how far below its first frame it goes */

static __attribute__((noinline)) int recurse(int n) {
  volatile char frame[200];
  for (size_t i = 0; i < sizeof frame; i++) frame[i] = (char)(n | 1);
  if (top - (uintptr_t)frame >= depth) return frame[0];
  return recurse(n + 1) + frame[7];
}

typedef struct overflow {
  int after;      /* the task's code after the recursion ran */
  int sleep_rc;   /* what its await point said */
} overflow;

static int deep(void *arg, void **result) {
  overflow *o = arg;
  volatile char mark;
  (void)result;
  top = (uintptr_t)&mark;
  int r = recurse(0);
  o->after = 1;
  o->sleep_rc = wasio_sleep(0.5);
  return o->sleep_rc == 0 ? r & 0 : o->sleep_rc;
}

static int overflow_main(void *arg, void **result) {
  wasio_task t;
  wasio_outcome out;
  (void)result;
  CHECK_RC(wasio_create_task(&t, deep, arg), 0);
  CHECK_RC(wasio_await(t, NULL), WASIO_ESTACK);
  char expected[96];
  snprintf(expected, sizeof expected,
           "task Task-2 overflowed its %d-byte stack", STACK);
  CHECK_STR(wasio_error_message(), expected);
  CHECK_RC(wasio_task_outcome(t, &out), WASIO_ESTACK);
  CHECK_STR(out.message, expected);
  /* the loop and the other tasks carry on */
  CHECK_RC(wasio_sleep(1), 0);
  return 0;
}

TEST(overflow_ends_the_task_with_estack) {
  overflow o = {0, 1};
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .stack_size = STACK};
  CHECK_RC(wasio_run(overflow_main, &o, &opts, NULL), 0);
#if defined(__wasm__)
  CHECK_INT(o.after, 1);
  CHECK_RC(o.sleep_rc, WASIO_ESTACK);
#else
  CHECK_INT(o.after, 0);
#endif
}

/* Native stacks come from arenas, 64 to a mapping: all of them where the
 * kernel has guard markers (Linux 6.13), whose page below each stack is a
 * guard page all the same, so an overflow ends the task as in
 * overflow_ends_the_task_with_estack; without markers, those past the
 * guard-page budget (a quarter of vm.max_map_count), whose page below is
 * spare room: tried here with markers turned off. Then the stack's far end
 * is watched, and an overflow into the spare page is found at the next
 * switch: the task's await points fail with WASIO_ESTACK, as in wasm.
 * Either way its neighbours' stacks are untouched. */
#if !defined(__wasm__)
size_t wasio__stack_guard_budget(size_t budget);
int wasio__stack_arena_guards(int use);

static int arena_neighbour(void *arg, void **result) {
  volatile char mine[1024];
  (void)result;
  memset((char *)mine, 0x5a, sizeof mine);
  int rc = wasio_sleep(1);
  for (size_t i = 0; i < sizeof mine; i++)
    if (mine[i] != 0x5a) *(int *)arg = 1;
  return rc;
}

static char arena_message[96];

static int arena_main(void *arg, void **result) {
  wasio_task t, before, after;
  int damaged = 0;
  (void)result;
  CHECK_RC(wasio_create_task(&before, arena_neighbour, &damaged), 0);
  CHECK_RC(wasio_create_task(&t, deep, arg), 0);
  CHECK_RC(wasio_create_task(&after, arena_neighbour, &damaged), 0);
  CHECK_RC(wasio_await(t, NULL), WASIO_ESTACK);
  CHECK_STR(wasio_error_message(), arena_message);
  CHECK_RC(wasio_await(before, NULL), 0);
  CHECK_RC(wasio_await(after, NULL), 0);
  CHECK_INT(damaged, 0);
  return 0;
}

/* Runs arena_main with `size`-byte stacks (a size no other case uses:
 * fresh ones) with guard markers or without, and with no budget for
 * stacks mapped on their own or the usual one. */
static int overflow_in_arena(size_t size, int guards, int mapped,
                             overflow *o, int *marked) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .stack_size = size};
  size_t budget = wasio__stack_guard_budget(0);
  if (mapped) wasio__stack_guard_budget(budget);
  int was = wasio__stack_arena_guards(guards);
  snprintf(arena_message, sizeof arena_message,
           "task Task-3 overflowed its %zu-byte stack", size);
  depth = size + 512; /* a few hundred bytes into the page below */
  int rc = wasio_run(arena_main, o, &opts, NULL);
  depth = DEPTH;
  *marked = wasio__stack_arena_guards(was != 0) == 1; /* what arenas got */
  wasio__stack_guard_budget(budget);
  return rc;
}

TEST(arena_stack_overflow_is_reported) {
  int marked;
  overflow o = {0, 1};
  CHECK_RC(overflow_in_arena(32768, 1, 0, &o, &marked), 0);
  CHECK_INT(o.after, marked ? 0 : 1); /* a guard: its frames abandoned */
  overflow w = {0, 1};
  CHECK_RC(overflow_in_arena(49152, 0, 0, &w, &marked), 0); /* watched */
  CHECK_INT(w.after, 1);
  CHECK_RC(w.sleep_rc, WASIO_ESTACK);
  overflow m = {0, 1};
  CHECK_RC(overflow_in_arena(40960, 0, 1, &m, &marked), 0); /* mapped */
  CHECK_INT(m.after, 0);
}
#else
TEST(arena_stack_overflow_is_reported) {}
#endif

/* Deep frames across a switch. In wasm every frame's locals are saved at a
 * switch; Binaryen checks the buffer only after the unwind, so wasio's is
 * larger than the engines let a call stack grow (a 64 KiB one was overrun
 * at 400 frames of this function, and memory past it damaged). */
static int deep_yield(int n);
static int (*volatile deep_again)(int) = deep_yield;

static int deep_yield(int n) {
  if (n == 0) return wasio_sleep(0);
  int r = deep_again(n - 1);
  return r < 0 ? r : r + (n & 1);
}

static int deep_switch(void *arg, void **result) {
  int *out = arg;
  (void)result;
  *out = deep_yield(2000);
  return 0;
}

static int deep_main(void *arg, void **result) {
  wasio_task t[2];
  (void)result;
  CHECK_RC(wasio_create_task(&t[0], deep_switch, arg), 0);
  CHECK_RC(wasio_create_task(&t[1], deep_switch, (int *)arg + 1), 0);
  return wasio_gather(t, 2, NULL); /* both suspended 2,000 frames deep */
}

TEST(deep_frames_survive_a_switch) {
  int out[2] = {-1, -1};
  CHECK_RC(run_virtual(deep_main, out, NULL), 0);
  CHECK_INT(out[0], 1000);
  CHECK_INT(out[1], 1000);
}

/* In wasm only the functions that can reach a switch are instrumented
 * (scripts/asyncify-list.mjs), and calls through pointers are followed by
 * signature. A task that suspends under calls through pointers of several
 * signatures, some unusual, must come back to every frame intact: each
 * function's code before the switch runs once, its code after it once, and
 * its locals survive. (A frame left uninstrumented would run its code
 * after the switch during the unwind, and its code before it again.) */
static int entered[3], left[3];

static int sleeps_in_void(void) {
  entered[0]++;
  int rc = wasio_sleep(0.25);
  left[0]++;
  return rc;
}
static double sleeps_in_double(double x, int n) {
  double kept = x * 2; /* a local live across the switch */
  entered[1]++;
  if (wasio_sleep(0.25) != 0) return -1;
  left[1]++;
  return kept + n;
}
static int sleeps_like_a_task(void *arg, void **result) {
  (void)result;
  int before = *(int *)arg;
  entered[2]++;
  if (wasio_sleep(0.25) != 0) return -1;
  left[2]++;
  return before + 1;
}
static int (*volatile via_void)(void) = sleeps_in_void;
static double (*volatile via_double)(double, int) = sleeps_in_double;
static int (*volatile via_task)(void *, void **) = sleeps_like_a_task;

static int through_pointers(void *arg, void **result) {
  int *out = arg, seven = 7;
  (void)result;
  out[0] = via_void();
  out[1] = (int)via_double(20.5, 1);
  out[2] = via_task(&seven, NULL);
  out[3] = (int)(wasio_now() * 100 + 0.5);
  return 0;
}

TEST(switches_under_calls_through_pointers) {
  int out[4] = {-1, -1, -1, -1};
  CHECK_RC(run_virtual(through_pointers, out, NULL), 0);
  CHECK_INT(out[0], 0);
  CHECK_INT(out[1], 42);
  CHECK_INT(out[2], 8);
  CHECK_INT(out[3], 75);
  for (int i = 0; i < 3; i++) {
    CHECK_INT(entered[i], 1);
    CHECK_INT(left[i], 1);
  }
}
