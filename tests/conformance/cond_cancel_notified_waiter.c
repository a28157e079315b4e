/* Cancelling a Condition waiter that was just notified (see the .py). */
#include "twin.h"

static wasio_condition C;

static int waiter(void *arg, void **result) {
  wasio_condition_acquire(&C);
  int rc = wasio_condition_wait(&C);
  twin_log("%s wait -> %s", (const char *)arg, err(rc));
  wasio_condition_release(&C);
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task both[2];
  wasio_condition_init(&C, NULL);
  wasio_create_task(&both[0], waiter, "A");
  wasio_create_task(&both[1], waiter, "B");
  wasio_sleep(0);
  wasio_condition_acquire(&C);
  wasio_condition_notify(&C, 1);
  wasio_cancel(both[0]);
  twin_log("notify 1, cancel A");
  wasio_condition_release(&C);
  wasio_sleep(1);
  twin_log("A %s B %s", outcome(both[0]), outcome(both[1]));
  wasio_condition_acquire(&C);
  wasio_condition_notify_all(&C);
  wasio_condition_release(&C);
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  return 0;
}

int twin_cond_cancel_notified_waiter(void) { return twin_run(main_); }
