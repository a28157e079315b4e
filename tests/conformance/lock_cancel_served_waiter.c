/* Cancelling the Lock waiter that was just handed the lock (see the .py). */
#include "twin.h"

static wasio_lock L;

static int waiter(void *arg, void **result) {
  int rc = wasio_lock_acquire(&L);
  twin_log("%s acquire -> %s", (const char *)arg, err(rc));
  if (rc != 0) return rc;
  rc = wasio_sleep(1);
  wasio_lock_release(&L);
  twin_log("%s release", (const char *)arg);
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task both[2];
  wasio_lock_init(&L);
  wasio_lock_acquire(&L);
  wasio_create_task(&both[0], waiter, "A");
  wasio_create_task(&both[1], waiter, "B");
  wasio_sleep(0);
  wasio_lock_release(&L);
  wasio_cancel(both[0]);
  twin_log("main release, cancel A");
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s B %s locked %d", outcome(both[0]), outcome(both[1]),
           wasio_lock_locked(&L));
  return 0;
}

int twin_lock_cancel_served_waiter(void) { return twin_run(main_); }
