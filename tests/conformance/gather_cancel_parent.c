/* Cancelling the task that awaits gather cancels every child; it sees
 * ECANCELLED once they have all finished. */
#include "twin.h"

static wasio_task ts[2];

static int job(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc == WASIO_ECANCELLED) twin_log("%s sleep -> ECANCELLED", (char *)arg);
  return rc;
}

static int gatherer(void *arg, void **result) {
  int rc = wasio_gather(ts, 2, NULL);
  twin_log("G gather -> %s", err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task g;
  wasio_create_task(&ts[0], job, "A");
  wasio_create_task(&ts[1], job, "B");
  wasio_create_task(&g, gatherer, NULL);
  wasio_sleep(1);
  twin_log("cancel G -> %d", wasio_cancel(g));
  wasio_wait(&g, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("G %s A %s B %s", outcome(g), outcome(ts[0]), outcome(ts[1]));
  return 0;
}

int twin_gather_cancel_parent(void) { return twin_run(main_); }
