/* Lock.locked() between a release and the woken waiter's first step
 * (see the .py). */
#include "twin.h"

static wasio_lock L;

static int waiter(void *arg, void **result) {
  int rc = wasio_lock_acquire(&L);
  twin_log("A acquire -> %s locked %d", err(rc), wasio_lock_locked(&L));
  wasio_lock_release(&L);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a;
  wasio_lock_init(&L);
  wasio_lock_acquire(&L);
  wasio_create_task(&a, waiter, NULL);
  wasio_sleep(0);
  wasio_lock_release(&L);
  twin_log("main release, locked %d", wasio_lock_locked(&L));
  wasio_await(a, NULL);
  twin_log("locked %d", wasio_lock_locked(&L));
  return 0;
}

int twin_lock_locked_during_handover(void) { return twin_run(main_); }
