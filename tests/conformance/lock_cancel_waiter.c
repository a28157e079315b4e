/* Cancelling the first Lock waiter before it is served (see the .py). */
#include "twin.h"

static wasio_lock L;

static int waiter(void *arg, void **result) {
  int rc = wasio_lock_acquire(&L);
  twin_log("%s acquire -> %s", (const char *)arg, err(rc));
  if (rc != 0) return rc;
  wasio_sleep(1);
  wasio_lock_release(&L);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a, b, c;
  wasio_lock_init(&L);
  wasio_lock_acquire(&L);
  wasio_create_task(&a, waiter, "A");
  wasio_create_task(&b, waiter, "B");
  wasio_create_task(&c, waiter, "C");
  wasio_sleep(0);
  wasio_cancel(a);
  wasio_lock_release(&L);
  twin_log("main cancel A, release");
  wasio_await(b, NULL);
  wasio_await(c, NULL);
  twin_log("A %s locked %d", outcome(a), wasio_lock_locked(&L));
  return 0;
}

int twin_lock_cancel_waiter(void) { return twin_run(main_); }
