/* Semaphore.locked(); a newcomer waits behind a served waiter (see the
 * .py). */
#include "twin.h"

static wasio_semaphore S;

static int waiter(void *arg, void **result) {
  int rc = wasio_semaphore_acquire(&S);
  twin_log("A acquire -> %s locked %d", err(rc), wasio_semaphore_locked(&S));
  wasio_sleep(1);
  wasio_semaphore_release(&S);
  twin_log("A release");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a;
  int rc;
  wasio_semaphore_init(&S, 2);
  twin_log("locked %d", wasio_semaphore_locked(&S));
  rc = wasio_semaphore_acquire(&S);
  twin_log("acquire -> %s locked %d", err(rc), wasio_semaphore_locked(&S));
  rc = wasio_semaphore_acquire(&S);
  twin_log("acquire -> %s locked %d", err(rc), wasio_semaphore_locked(&S));
  wasio_create_task(&a, waiter, NULL);
  wasio_sleep(0);
  wasio_semaphore_release(&S);
  twin_log("release, locked %d", wasio_semaphore_locked(&S));
  rc = wasio_semaphore_acquire(&S); /* A was given the permit */
  twin_log("acquire -> %s locked %d", err(rc), wasio_semaphore_locked(&S));
  wasio_semaphore_release(&S);
  wasio_semaphore_release(&S);
  twin_log("release x2, locked %d", wasio_semaphore_locked(&S));
  wasio_await(a, NULL);
  return 0;
}

int twin_sem_locked_no_overtake(void) { return twin_run(main_); }
