/* Cancelling the first Semaphore waiter before it is served (see the
 * .py). */
#include "twin.h"

static wasio_semaphore S;

static int waiter(void *arg, void **result) {
  int rc = wasio_semaphore_acquire(&S);
  twin_log("%s acquire -> %s", (const char *)arg, err(rc));
  if (rc != 0) return rc;
  wasio_sleep(1);
  wasio_semaphore_release(&S);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a, b, c;
  wasio_semaphore_init(&S, 1);
  wasio_semaphore_acquire(&S);
  wasio_create_task(&a, waiter, "A");
  wasio_create_task(&b, waiter, "B");
  wasio_create_task(&c, waiter, "C");
  wasio_sleep(0);
  wasio_cancel(a);
  wasio_semaphore_release(&S);
  twin_log("cancel A, release");
  wasio_await(b, NULL);
  wasio_await(c, NULL);
  twin_log("A %s locked %d", outcome(a), wasio_semaphore_locked(&S));
  return 0;
}

int twin_sem_cancel_waiter(void) { return twin_run(main_); }
