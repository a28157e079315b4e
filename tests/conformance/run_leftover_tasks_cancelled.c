/* wasio_run: a task still pending when main returns is cancelled and its
 * cleanup runs before run returns, at the instant main ended; one that
 * finished earlier is left alone. */
#include "twin.h"

typedef struct job {
  const char *name;
  double delay;
} job;

static int worker(void *arg, void **result) {
  job *j = arg;
  int rc = wasio_sleep(j->delay);
  if (rc == 0) twin_log("%s woke", j->name);
  twin_log("%s cleanup", j->name);
  return rc;
}

static int main_(void *arg, void **result) {
  static job a = {"A", 10}, c = {"C", 0.5};
  wasio_create_task(NULL, worker, &a);
  wasio_create_task(NULL, worker, &c);
  wasio_sleep(1);
  twin_log("main end");
  *result = R(7);
  return 0;
}

int twin_run_leftover_tasks_cancelled(void) { return twin_run(main_); }
