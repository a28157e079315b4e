/* A task catches its cancellation and returns a value (see the .py). */
#include "twin.h"

static int worker(void *arg, void **result) {
  int rc = wasio_sleep(5);
  if (rc != 0) {
    twin_log("T sleep -> %s, returns 5", err(rc));
    *result = R(5);
    return 0;
  }
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  void *value = NULL;
  wasio_create_task(&t, worker, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, &value);
  twin_log("main await T -> %s", result_of(rc, value));
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_cancel_caught_returns(void) { return twin_run(main_); }
