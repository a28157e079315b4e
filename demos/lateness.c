/* lateness (hosts issue): how late do timers fire? 1,000 sleeps of 1 ms,
 * one after the other; each one's lateness is the time it took beyond
 * 1 ms. Prints the median, the 99th percentile and the worst. A timer is
 * never early; how late it is depends on the host's wait. */
#include "demo.h"

#include <stdlib.h>

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int lateness_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  int n = atoi(args->mode);
  double *late = malloc((size_t)n * sizeof *late);
  if (late == NULL) return wasio_fail(WASIO_ENOMEM, "out of memory");
  int early = 0;
  for (int i = 0; i < n; i++) {
    double t0 = wasio_now();
    int rc = wasio_sleep(0.001);
    if (rc != 0) {
      free(late);
      return rc;
    }
    late[i] = (wasio_now() - t0 - 0.001) * 1e3;
    if (late[i] < -1e-6) early++;
  }
  qsort(late, (size_t)n, sizeof *late, cmp);
  demo_log("%d sleeps of 1 ms: lateness p50 %.3f ms, p99 %.3f ms, max %.3f "
           "ms, early %d", n, late[n / 2], late[n * 99 / 100], late[n - 1],
           early);
  free(late);
  return 0;
}

static const char *const modes[] = {"1000", "100", NULL};

const wasio_demo demo_lateness = {
    .name = "lateness",
    .summary = "1,000 sleeps of 1 ms: how late timers fire",
    .seed = "wasio: hosts",
    .modes = modes,
    .main = lateness_main,
};
