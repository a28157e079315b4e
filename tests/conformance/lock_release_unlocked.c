/* Lock.locked(); releasing an unlocked Lock is ESTATE (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_lock l;
  wasio_lock_init(&l);
  twin_log("locked %d", wasio_lock_locked(&l));
  twin_log("release unlocked -> %s", err(wasio_lock_release(&l)));
  int rc = wasio_lock_acquire(&l);
  twin_log("acquire -> %s locked %d", err(rc), wasio_lock_locked(&l));
  rc = wasio_lock_release(&l);
  twin_log("release -> %s locked %d", err(rc), wasio_lock_locked(&l));
  twin_log("release again -> %s", err(wasio_lock_release(&l)));
  rc = wasio_lock_acquire(&l);
  twin_log("acquire -> %s locked %d", err(rc), wasio_lock_locked(&l));
  wasio_lock_release(&l);
  return 0;
}

int twin_lock_release_unlocked(void) { return twin_run(main_); }
