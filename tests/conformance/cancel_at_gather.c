/* Cancelling a task suspended in gather(A, B) (see the .py). */
#include "twin.h"

static wasio_task AB[2];

static int child(void *arg, void **result) {
  int rc = wasio_sleep(2);
  if (rc != 0) twin_log("%s sleep -> %s", (const char *)arg, err(rc));
  return rc;
}

static int parent(void *arg, void **result) {
  wasio_create_task(&AB[0], child, "A");
  wasio_create_task(&AB[1], child, "B");
  int rc = wasio_gather(AB, 2, NULL);
  if (rc != 0)
    twin_log("T gather -> %s, A %s B %s", err(rc), outcome(AB[0]),
             outcome(AB[1]));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, parent, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s A %s B %s", outcome(t), outcome(AB[0]), outcome(AB[1]));
  return 0;
}

int twin_cancel_at_gather(void) { return twin_run(main_); }
