/* Condition calls without holding the lock are ESTATE (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_condition c;
  wasio_condition_init(&c, NULL);
  twin_log("wait -> %s", err(wasio_condition_wait(&c)));
  twin_log("notify -> %s", err(wasio_condition_notify(&c, 1)));
  twin_log("notify_all -> %s", err(wasio_condition_notify_all(&c)));
  wasio_condition_acquire(&c);
  int rc = wasio_condition_notify(&c, 1);
  if (rc == 0) rc = wasio_condition_notify_all(&c);
  twin_log("notify, notify_all with the lock -> %s", err(rc));
  wasio_condition_release(&c);
  twin_log("locked %d", wasio_condition_locked(&c));
  return 0;
}

int twin_cond_wait_unlocked(void) { return twin_run(main_); }
