/* bench (the benchmarks of bench/, same code on every target): one
 * workload per mode, its size in the parameter n; prints one line,
 * "result {json}", for bench/bench.mjs to read.
 *   spawn   n no-op tasks created, then gathered           -> tasks/s
 *   switch  two tasks ping-pong through sleep(0), n switches -> switches/s
 *   timers  n tasks sleeping uniformly 0..0.5 s (real clock) -> wall, lateness
 *   memory  n tasks waiting on one Event                     -> bytes/task
 * With step=1, spawn and memory make step tasks (no stack of their own)
 * instead of ordinary ones.
 *   queue   producer and consumer, bounded queue, n items    -> items/s
 *   lock    100 tasks taking one Lock, n acquisitions        -> acquisitions/s
 *   cpu     a CPU-bound loop of small calls, no switches     -> seconds */
#include "demo.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static void result(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static void result(const char *fmt, ...) {
  char json[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(json, sizeof json, fmt, ap);
  va_end(ap);
  demo_log("result %s", json);
}

static int noop(void *arg, void **out) {
  (void)arg;
  (void)out;
  return 0;
}

static long per_task;
static int pinger(void *arg, void **out) {
  (void)arg;
  (void)out;
  for (long i = 0; i < per_task; i++)
    if (wasio_sleep(0) != 0) return WASIO_EFAIL;
  return 0;
}

typedef struct timed {
  double delay, start, woke;
} timed;

static int sleeper(void *arg, void **out) {
  timed *t = arg;
  (void)out;
  t->start = wasio_now();
  int rc = wasio_sleep(t->delay);
  t->woke = wasio_now();
  return rc;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static wasio_event gate;
static int waiter(void *arg, void **out) {
  (void)arg;
  (void)out;
  return wasio_event_wait(&gate);
}

static int noop_step(wasio_step *s, void *arg, void **out) {
  (void)s;
  (void)arg;
  (void)out;
  return 0;
}

static int waiter_step(wasio_step *s, void *arg, void **out) {
  (void)arg;
  (void)out;
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_AWAIT(s, wasio_step_event_wait(s, &gate));
  WASIO_STEP_END(s);
  return 0;
}

static wasio_queue q;
static long long items;
static int producer(void *arg, void **out) {
  (void)arg;
  (void)out;
  for (long i = 0; i < items; i++)
    if (wasio_queue_put(&q, (void *)(intptr_t)i) != 0) return WASIO_EFAIL;
  return 0;
}
static int consumer(void *arg, void **out) {
  long long *sum = arg;
  (void)out;
  for (long i = 0; i < items; i++) {
    void *item;
    if (wasio_queue_get(&q, &item) != 0) return WASIO_EFAIL;
    *sum += (long long)(intptr_t)item;
  }
  return 0;
}

static wasio_lock lock;
static long acquisitions, taken;
static int locker(void *arg, void **out) {
  (void)arg;
  (void)out;
  while (taken < acquisitions) {
    if (wasio_lock_acquire(&lock) != 0) return WASIO_EFAIL;
    taken++;
    wasio_lock_release(&lock);
    if (wasio_sleep(0) != 0) return WASIO_EFAIL;
  }
  return 0;
}

/* Small calls through a pointer, as real code makes: what Asyncify
 * instruments (an indirect call might switch). */
static unsigned mix(unsigned h, unsigned v) { return (h ^ v) * 16777619u; }
static unsigned (*volatile mixer)(unsigned, unsigned) = mix;

/* The cpu workload: code that never switches, in a function of its own, as
 * CPU-bound code usually is (in the task's own body, Asyncify would
 * instrument the loop with the rest of it). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static unsigned cpu_loop(long n) {
  unsigned h = 2166136261u;
  for (long i = 0; i < n; i++) h = mixer(h, (unsigned)i);
  return h;
}

static int gather_all(wasio_task *t, long n) {
  int rc = wasio_gather(t, (size_t)n, NULL);
  for (long i = 0; i < n; i++) wasio_task_release(t[i]);
  return rc;
}

static int bench_main(void *arg, void **out) {
  const demo_args *args = arg;
  const char *mode = args->mode;
  long n;
  (void)out;
  long step;
  int bad = demo_param_long(args, "n", 100000, 2, 50000000, &n);
  if (bad == 0) bad = demo_param_long(args, "step", 0, 0, 1, &step);
  if (bad != 0) return bad;
  double t0 = demo_real_seconds();
  if (strcmp(mode, "spawn") == 0 || strcmp(mode, "memory") == 0) {
    int memory = mode[0] == 'm';
    wasio_task *t = malloc((size_t)n * sizeof *t);
    if (t == NULL) return wasio_fail(WASIO_ENOMEM, "bench: out of memory");
    if (memory) wasio_event_init(&gate);
    double m0 = demo_memory_bytes();
    int rc = 0;
    long made = 0;
    for (; made < n && rc == 0; made++)
      rc = step ? wasio_create_step_task(&t[made], memory ? waiter_step
                                                          : noop_step, NULL)
                : wasio_create_task(&t[made], memory ? waiter : noop, NULL);
    if (rc != 0) {
      gather_all(t, made);
      free(t);
      return rc;
    }
    if (memory) {
      wasio_sleep(0); /* every task runs once and parks on the event */
      double m1 = demo_memory_bytes();
      wasio_event_set(&gate);
      rc = gather_all(t, n);
      result("{\"workload\":\"memory\",\"n\":%ld,\"bytes_per_task\":%.1f}", n,
             (m1 - m0) / (double)n);
    } else {
      rc = gather_all(t, n);
      double dt = demo_real_seconds() - t0;
      result("{\"workload\":\"spawn\",\"n\":%ld,\"seconds\":%.6f,\"per_second\":%.1f}",
             n, dt, (double)n / dt);
    }
    free(t);
    return rc;
  }
  if (strcmp(mode, "switch") == 0) {
    wasio_task t[2];
    per_task = n / 2;
    wasio_create_task(&t[0], pinger, NULL);
    wasio_create_task(&t[1], pinger, NULL);
    int rc = gather_all(t, 2);
    double dt = demo_real_seconds() - t0;
    result("{\"workload\":\"switch\",\"n\":%ld,\"seconds\":%.6f,\"per_second\":%.1f}",
           per_task * 2, dt, (double)(per_task * 2) / dt);
    return rc;
  }
  if (strcmp(mode, "timers") == 0) {
    timed *s = malloc((size_t)n * sizeof *s);
    wasio_task *t = malloc((size_t)n * sizeof *t);
    double *late = malloc((size_t)n * sizeof *late);
    if (!s || !t || !late) return wasio_fail(WASIO_ENOMEM, "bench: out of memory");
    unsigned r = 1;
    for (long i = 0; i < n; i++) {
      r = r * 1103515245u + 12345u;
      s[i].delay = (double)(r >> 8) / 16777216.0 * 0.5;
      wasio_create_task(&t[i], sleeper, &s[i]);
    }
    int rc = gather_all(t, n);
    double dt = demo_real_seconds() - t0;
    for (long i = 0; i < n; i++) late[i] = (s[i].woke - s[i].start - s[i].delay) * 1e3;
    qsort(late, (size_t)n, sizeof *late, cmp);
    result("{\"workload\":\"timers\",\"n\":%ld,\"seconds\":%.6f,\"p50_ms\":%.3f,\"p99_ms\":%.3f}",
           n, dt, late[n / 2], late[n * 99 / 100]);
    free(s);
    free(t);
    free(late);
    return rc;
  }
  if (strcmp(mode, "queue") == 0) {
    wasio_task t[2];
    long long sum = 0;
    items = n;
    wasio_queue_init(&q, WASIO_QUEUE_FIFO, 100);
    wasio_create_task(&t[0], producer, NULL);
    wasio_create_task(&t[1], consumer, &sum);
    int rc = gather_all(t, 2);
    double dt = demo_real_seconds() - t0;
    wasio_queue_destroy(&q);
    if (rc == 0 && sum != (long long)n * (n - 1) / 2)
      return wasio_fail(WASIO_EFAIL, "bench: the queue lost items");
    result("{\"workload\":\"queue\",\"n\":%ld,\"seconds\":%.6f,\"per_second\":%.1f}",
           n, dt, (double)n / dt);
    return rc;
  }
  if (strcmp(mode, "lock") == 0) {
    wasio_task t[100];
    acquisitions = n;
    taken = 0;
    wasio_lock_init(&lock);
    for (int i = 0; i < 100; i++) wasio_create_task(&t[i], locker, NULL);
    int rc = gather_all(t, 100);
    double dt = demo_real_seconds() - t0;
    result("{\"workload\":\"lock\",\"n\":%ld,\"seconds\":%.6f,\"per_second\":%.1f}",
           taken, dt, (double)taken / dt);
    return rc;
  }
  /* cpu */
  unsigned h = cpu_loop(n);
  double dt = demo_real_seconds() - t0;
  result("{\"workload\":\"cpu\",\"n\":%ld,\"seconds\":%.6f,\"check\":%u}", n, dt, h);
  return 0;
}

static const char *const modes[] = {"spawn", "switch", "timers", "memory",
                                    "queue", "lock",   "cpu",    NULL};

const wasio_demo demo_bench = {
    .name = "bench",
    .summary = "the benchmark workloads (bench/bench.mjs runs them)",
    .seed = "wasio: benchmarks",
    .modes = modes,
    .main = bench_main,
    .params = "n=100000, step=0",
};
