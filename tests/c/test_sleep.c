/* sleep: sleep(0) yields in FIFO order; timers fire in deadline order,
 * never early, on the virtual clock and the real one. */
#include "test.h"

#include <stdlib.h>

typedef struct sleeper {
  int id;
  double start, delay, woke;
  int *order;
  int *n;
} sleeper;

static int zero_sleeper(void *arg, void **result) {
  sleeper *s = arg;
  (void)result;
  for (int round = 0; round < 3; round++) {
    s->order[(*s->n)++] = s->id * 10 + round;
    if (wasio_sleep(0) != 0) return WASIO_EFAIL;
  }
  return 0;
}

static int zero_main(void *arg, void **result) {
  sleeper *s = arg;
  wasio_task t[3];
  (void)result;
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], zero_sleeper, &s[i]);
  return wasio_gather(t, 3, NULL);
}

TEST(zero_yields_in_fifo_order) {
  int order[9], n = 0;
  sleeper s[3];
  for (int i = 0; i < 3; i++) s[i] = (sleeper){i + 1, 0, 0, 0, order, &n};
  CHECK_RC(run_virtual(zero_main, s, NULL), 0);
  static const int want[9] = {10, 20, 30, 11, 21, 31, 12, 22, 32};
  CHECK_INT(n, 9);
  for (int i = 0; i < 9; i++) CHECK_INT(order[i], want[i]);
}

#define SLEEPERS 10000

static int timed_sleeper(void *arg, void **result) {
  sleeper *s = arg;
  (void)result;
  s->start = wasio_now();
  int rc = wasio_sleep(s->delay);
  s->woke = wasio_now();
  s->order[(*s->n)++] = s->id;
  return rc;
}

static int timers_main(void *arg, void **result) {
  sleeper *s = arg;
  wasio_task *t = calloc(SLEEPERS, sizeof *t);
  (void)result;
  int rc = t ? 0 : WASIO_ENOMEM;
  for (int i = 0; i < SLEEPERS && rc == 0; i++)
    rc = wasio_create_task(&t[i], timed_sleeper, &s[i]);
  if (rc == 0) rc = wasio_gather(t, SLEEPERS, NULL);
  free(t);
  return rc;
}

/* `slack`: how far apart the test's clock read and the loop's own may be
 * (0 on the virtual clock, where time stands still while tasks run). */
static void deadline_order(wasio_clock clock, double slack, double lateness) {
  sleeper *s = calloc(SLEEPERS, sizeof *s);
  int *order = calloc(SLEEPERS, sizeof *order);
  int n = 0;
  srand(42);
  for (int i = 0; i < SLEEPERS; i++)
    s[i] = (sleeper){i, 0, (rand() % 100001) / 1e6, -1, order, &n};
  wasio_run_opts opts = {.clock = clock};
  CHECK_RC(wasio_run(timers_main, s, &opts, NULL), 0);
  CHECK_INT(n, SLEEPERS);
  int out_of_order = 0, early = 0, late = 0;
  for (int i = 1; i < n; i++) {
    const sleeper *a = &s[order[i - 1]], *b = &s[order[i]];
    /* deadline = start + delay, in nanoseconds as the loop keeps them */
    if (llround(a->start * 1e9) + llround(a->delay * 1e9) >
        llround(b->start * 1e9) + llround(b->delay * 1e9) + llround(slack * 1e9))
      out_of_order++;
  }
  for (int i = 0; i < SLEEPERS; i++) {
    if (s[i].woke + 1e-9 + slack < s[i].start + s[i].delay) early++;
    if (s[i].woke > s[i].start + s[i].delay + lateness) late++;
  }
  CHECK_INT(out_of_order, 0);
  CHECK_INT(early, 0);
  CHECK_INT(late, 0);
  free(s);
  free(order);
}

TEST(timers_fire_in_deadline_order_virtual) {
  deadline_order(WASIO_CLOCK_VIRTUAL, 0, 0);
}

TEST(timers_fire_in_deadline_order_real) {
  /* The test reads the clock just before wasio_sleep reads it again; a
   * pause of the host between the two reads (V8 collecting garbage under
   * node:wasi) shifts that task's deadline as the test sees it, hence the
   * 5 ms slack. The virtual-clock case above checks the order exactly.
   * Generous lateness: sanitizers and busy CI machines are slow. */
  deadline_order(WASIO_CLOCK_REAL, 0.005, 0.5);
}
