/* Cancelling a task in Condition.wait(): it re-acquires the lock first
 * (see the .py). */
#include "twin.h"

static wasio_condition C;

static int waiter(void *arg, void **result) {
  wasio_condition_acquire(&C);
  int rc = wasio_condition_wait(&C);
  twin_log("W wait -> %s locked %d", err(rc), wasio_condition_locked(&C));
  wasio_condition_release(&C);
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task w;
  wasio_condition_init(&C, NULL);
  wasio_create_task(&w, waiter, NULL);
  wasio_sleep(0);
  wasio_condition_acquire(&C);
  wasio_cancel(w);
  twin_log("cancel W");
  wasio_sleep(1);
  twin_log("main release");
  wasio_condition_release(&C);
  wasio_wait(&w, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("W %s locked %d", outcome(w), wasio_condition_locked(&C));
  return 0;
}

int twin_cond_cancel_waiter(void) { return twin_run(main_); }
