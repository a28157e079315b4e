/* Cancelling a task suspended in `await C` (see the .py). */
#include "twin.h"

static wasio_task C;

static int child(void *arg, void **result) {
  int rc = wasio_sleep(2);
  if (rc != 0) twin_log("C sleep -> %s", err(rc));
  return rc;
}

static int parent(void *arg, void **result) {
  wasio_create_task(&C, child, NULL);
  int rc = wasio_await(C, NULL);
  if (rc != 0) twin_log("T await C -> %s, C %s", err(rc), outcome(C));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, parent, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  twin_log("C %s cancelling %d", outcome(C), wasio_task_cancelling(C));
  return 0;
}

int twin_cancel_at_await_task(void) { return twin_run(main_); }
