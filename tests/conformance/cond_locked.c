/* Condition.locked() follows its lock (see the .py). */
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
  wasio_lock lock;
  wasio_condition shared;
  wasio_condition_init(&C, NULL);
  twin_log("locked %d", wasio_condition_locked(&C));
  wasio_create_task(&w, waiter, NULL);
  wasio_sleep(0);
  twin_log("W waits, locked %d", wasio_condition_locked(&C));
  int rc = wasio_condition_acquire(&C);
  twin_log("acquire -> %s locked %d", err(rc), wasio_condition_locked(&C));
  wasio_condition_notify(&C, 1);
  wasio_condition_release(&C);
  wasio_await(w, NULL);
  twin_log("locked %d", wasio_condition_locked(&C));
  wasio_lock_init(&lock);
  wasio_condition_init(&shared, &lock);
  wasio_lock_acquire(&lock);
  twin_log("shared lock held, locked %d", wasio_condition_locked(&shared));
  wasio_condition_release(&shared);
  twin_log("shared release, lock locked %d", wasio_lock_locked(&lock));
  return 0;
}

int twin_cond_locked(void) { return twin_run(main_); }
