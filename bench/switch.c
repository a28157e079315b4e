/* switch: two tasks ping-pong through sleep(0); every sleep(0) is one
 * switch out of a task and one back in. Prints switches per second.
 *   usage: bench-switch [SWITCHES]   (default 1000000) */
#define _POSIX_C_SOURCE 200809L
#include "../src/wasio.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long per_task;

static int pinger(void *arg, void **result) {
  (void)arg;
  (void)result;
  for (long i = 0; i < per_task; i++)
    if (wasio_sleep(0) != 0) return WASIO_EFAIL;
  return 0;
}

static int bench_main(void *arg, void **result) {
  wasio_task t[2];
  (void)arg;
  (void)result;
  wasio_create_task(&t[0], pinger, NULL);
  wasio_create_task(&t[1], pinger, NULL);
  return wasio_gather(t, 2, NULL);
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  long switches = argc > 1 ? atol(argv[1]) : 1000000;
  if (switches < 2) {
    fprintf(stderr, "bench-switch: SWITCHES must be >= 2\n");
    return 2;
  }
  per_task = switches / 2;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  double t0 = seconds();
  int rc = wasio_run(bench_main, NULL, &opts, NULL);
  double dt = seconds() - t0;
  if (rc != 0) {
    fprintf(stderr, "bench-switch: %s\n", wasio_error_message());
    return 1;
  }
  printf("%ld switches in %.3f s: %.2f M switches/s\n", per_task * 2, dt,
         per_task * 2 / dt / 1e6);
  return 0;
}
