/* A newcomer cannot overtake Lock waiters (see the .py). */
#include "twin.h"

static wasio_lock L;

static int waiter(void *arg, void **result) {
  int rc = wasio_lock_acquire(&L);
  twin_log("%s acquire -> %s", (const char *)arg, err(rc));
  wasio_sleep(1);
  wasio_lock_release(&L);
  twin_log("%s release", (const char *)arg);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a, b;
  wasio_lock_init(&L);
  wasio_lock_acquire(&L);
  wasio_create_task(&a, waiter, "A");
  wasio_create_task(&b, waiter, "B");
  wasio_sleep(0);
  wasio_lock_release(&L);
  twin_log("main release");
  int rc = wasio_lock_acquire(&L); /* A was woken but has not run yet */
  twin_log("main acquire -> %s", err(rc));
  wasio_lock_release(&L);
  wasio_await(a, NULL);
  wasio_await(b, NULL);
  return 0;
}

int twin_lock_no_overtake(void) { return twin_run(main_); }
