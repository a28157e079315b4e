/* Emscripten fibers: what a C programmer in the browser would use instead
 * of wasio's tasks. emscripten_fiber_init / emscripten_fiber_swap
 * (<emscripten/fiber.h>), built with -sASYNCIFY by the same emcc as the
 * web build (Makefile: build/web/fibers/); bench/fibers.mjs runs it in Node,
 * bench/fibers_chromium.mjs in Chromium. Two of demos/bench.c's workloads:
 *   switch N  two fibers ping-pong, each swapping straight to the other,
 *             N swaps between them in all -> switches/s. As in
 *             demos/bench.c, where each of two pingers calls sleep(0) N/2
 *             times, one fiber handing control to the other is one switch;
 *             the four swaps to and from main that start and end them
 *             are not counted, though the clock runs over them (and over
 *             making the two fibers), as it runs over wasio's gather.
 *   memory N  N fibers started, each suspended (swapped away from) in a
 *             simple function, none resumed -> bytes of wasm memory per
 *             suspended fiber, measured as demos/registry.c's
 *             demo_memory_bytes does in wasm. Then every fiber is resumed
 *             once, finishes, and is freed.
 * Prints one line, the same JSON as the bench demo's result.
 *   main(WORKLOAD, N [, C_STACK [, ASYNCIFY_STACK [, "-v"]]])  sizes in bytes;
 *   -v also tells, on stderr, the most Asyncify buffer a fiber used. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <emscripten/fiber.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Each fiber gets what one of wasio's wasm tasks gets, for a fair
 * comparison: a 16 KiB C stack (wasio__stack_round's default in
 * src/coro_asyncify.c), and an Asyncify buffer for its saved wasm frames,
 * as small as works. The API wants that buffer up front, of a fixed size
 * (wasio copies a task's frames into a buffer of just their size). Found
 * by experiment (-v below prints the most a fiber used: its asyncify_data
 * stack_ptr after it swapped away): a fiber suspended in parked() saves
 * 20 bytes of frames, one in pinger() 28; with 16 bytes Asyncify traps
 * ("unreachable" in asyncify_stop_unwind, the overflow is only checked
 * once the frames are written). So 32 bytes, the smallest multiple of 16
 * that fits both: the figure most favourable to fibers. A real program
 * would need more (Emscripten's own fiber test gives 1 KiB): one frame
 * more saved than fits and it traps. The last two arguments override
 * both sizes. */
#define C_STACK_SIZE (16 * 1024)
#define ASYNCIFY_STACK_SIZE 32

typedef struct fiber {
  emscripten_fiber_t ctx;
  struct fiber *other; /* switch: whom to swap to */
  long swaps;          /* switch: how many */
  int done;
  void *c_stack;
  char asyncify_stack[]; /* the fiber's Asyncify buffer */
} fiber;

/* main's own context (its frames are saved when it swaps to a fiber) */
static emscripten_fiber_t main_fiber;
static char main_asyncify_stack[16 * 1024];

static size_t c_stack_size = C_STACK_SIZE, asyncify_size = ASYNCIFY_STACK_SIZE;
static long switches;  /* swaps from one pinger to the other */
static size_t used_most; /* the most Asyncify buffer a fiber used */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double memory_bytes(void) { /* demos/registry.c demo_memory_bytes */
  return (double)__builtin_wasm_memory_size(0) * 65536.0;
}

static fiber *fiber_new(em_arg_callback_func entry) {
  fiber *f = calloc(1, sizeof *f + asyncify_size);
  if (f == NULL || (f->c_stack = aligned_alloc(16, c_stack_size)) == NULL) {
    fprintf(stderr, "fibers: out of memory\n");
    exit(1);
  }
  emscripten_fiber_init(&f->ctx, entry, f, f->c_stack, c_stack_size,
                        f->asyncify_stack, asyncify_size);
  return f;
}

/* Runs f until it next swaps back to main, and notes how much of its
 * Asyncify buffer its saved frames took. */
static void resume(fiber *f) {
  emscripten_fiber_swap(&main_fiber, &f->ctx);
  size_t used = (size_t)((char *)f->ctx.asyncify_data.stack_ptr - f->asyncify_stack);
  if (used > used_most) used_most = used;
}

static void fiber_free(fiber *f) {
  free(f->c_stack);
  free(f);
}

/* A fiber's entry must never return: it ends by swapping to main for good. */
static void finish(fiber *f) {
  f->done = 1;
  emscripten_fiber_swap(&f->ctx, &main_fiber);
  abort(); /* never resumed */
}

static void pinger(void *arg) {
  fiber *f = arg;
  for (long i = 0; i < f->swaps; i++) {
    switches++;
    emscripten_fiber_swap(&f->ctx, &f->other->ctx);
  }
  finish(f);
}

static void parked(void *arg) {
  fiber *f = arg;
  emscripten_fiber_swap(&f->ctx, &main_fiber); /* suspended here */
  finish(f);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: fibers switch|memory N [C_STACK [ASYNCIFY_STACK [-v]]]\n");
    return 2;
  }
  const char *workload = argv[1];
  long n = atol(argv[2]);
  if (argc > 3) c_stack_size = (size_t)atol(argv[3]);
  if (argc > 4) asyncify_size = (size_t)atol(argv[4]);
  if (n < 2 || c_stack_size < 1024 || asyncify_size < 16) {
    fprintf(stderr, "fibers: bad size\n");
    return 2;
  }
  emscripten_fiber_init_from_current_context(&main_fiber, main_asyncify_stack,
                                             sizeof main_asyncify_stack);

  if (strcmp(workload, "switch") == 0) {
    double t0 = now();
    fiber *a = fiber_new(pinger), *b = fiber_new(pinger);
    a->other = b;
    b->other = a;
    a->swaps = b->swaps = n / 2;
    while (!a->done) resume(a); /* a starts b, then they ping-pong */
    while (!b->done) resume(b); /* b is left waiting for a's last swap */
    double dt = now() - t0;
    fiber_free(a);
    fiber_free(b);
    if (switches != n / 2 * 2) {
      fprintf(stderr, "fibers: %ld switches, not %ld\n", switches, n / 2 * 2);
      return 1;
    }
    printf("{\"workload\":\"switch\",\"n\":%ld,\"seconds\":%.6f,\"per_second\":%.1f}\n",
           switches, dt, (double)switches / dt);
  } else if (strcmp(workload, "memory") == 0) {
    fiber **f = malloc((size_t)n * sizeof *f); /* before m0, as in bench.c */
    if (f == NULL) {
      fprintf(stderr, "fibers: out of memory\n");
      return 1;
    }
    double m0 = memory_bytes();
    for (long i = 0; i < n; i++) {
      f[i] = fiber_new(parked);
      resume(f[i]); /* runs until parked() swaps away */
    }
    double m1 = memory_bytes();
    for (long i = 0; i < n; i++) {
      resume(f[i]); /* finishes */
      if (!f[i]->done) {
        fprintf(stderr, "fibers: fiber %ld did not finish\n", i);
        return 1;
      }
      fiber_free(f[i]);
    }
    free(f);
    printf("{\"workload\":\"memory\",\"n\":%ld,\"bytes_per_task\":%.1f}\n", n,
           (m1 - m0) / (double)n);
  } else {
    fprintf(stderr, "fibers: unknown workload %s\n", workload);
    return 2;
  }
  if (argc > 5 && strcmp(argv[5], "-v") == 0)
    fprintf(stderr, "fibers: a fiber's saved frames took at most %zu of %zu bytes\n",
            used_most, asyncify_size);
  return 0;
}
