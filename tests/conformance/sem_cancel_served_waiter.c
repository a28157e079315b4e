/* Cancelling the Semaphore waiter that was just given the permit (see
 * the .py). */
#include "twin.h"

static wasio_semaphore S;

static int waiter(void *arg, void **result) {
  int rc = wasio_semaphore_acquire(&S);
  twin_log("%s acquire -> %s", (const char *)arg, err(rc));
  if (rc != 0) return rc;
  rc = wasio_sleep(1);
  wasio_semaphore_release(&S);
  twin_log("%s release", (const char *)arg);
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task both[2];
  wasio_semaphore_init(&S, 1);
  wasio_semaphore_acquire(&S);
  wasio_create_task(&both[0], waiter, "A");
  wasio_create_task(&both[1], waiter, "B");
  wasio_sleep(0);
  wasio_semaphore_release(&S);
  wasio_cancel(both[0]);
  twin_log("release, cancel A");
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s B %s locked %d", outcome(both[0]), outcome(both[1]),
           wasio_semaphore_locked(&S));
  return 0;
}

int twin_sem_cancel_served_waiter(void) { return twin_run(main_); }
