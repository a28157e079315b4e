/* Cancelling a task suspended in Lock.acquire() (see the .py). */
#include "twin.h"

static wasio_lock LOCK;

static int taker(void *arg, void **result) {
  int rc = wasio_lock_acquire(&LOCK);
  twin_log("T acquire -> %s", err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_lock_init(&LOCK);
  wasio_lock_acquire(&LOCK);
  wasio_create_task(&t, taker, NULL);
  wasio_sleep(0.5);
  twin_log("main cancel -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  wasio_lock_release(&LOCK);
  twin_log("released, locked %d", wasio_lock_locked(&LOCK));
  rc = wasio_lock_acquire(&LOCK);
  twin_log("main acquire -> %s, locked %d", err(rc), wasio_lock_locked(&LOCK));
  wasio_lock_release(&LOCK);
  twin_log("T %s", outcome(t));
  return 0;
}

int twin_cancel_at_lock_acquire(void) { return twin_run(main_); }
