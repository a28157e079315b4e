/* BoundedSemaphore released past its initial value (see the .py). */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_semaphore sem, plain;
  wasio_bounded_semaphore_init(&sem, 1);
  wasio_semaphore_acquire(&sem);
  int rc = wasio_semaphore_release(&sem);
  twin_log("bounded acquire, release -> %s locked %d", err(rc),
           wasio_semaphore_locked(&sem));
  twin_log("bounded release again -> %s", err(wasio_semaphore_release(&sem)));
  rc = wasio_semaphore_acquire(&sem);
  twin_log("bounded acquire -> %s locked %d", err(rc),
           wasio_semaphore_locked(&sem));
  wasio_semaphore_init(&plain, 1);
  wasio_semaphore_release(&plain);
  wasio_semaphore_acquire(&plain);
  rc = wasio_semaphore_acquire(&plain);
  twin_log("plain release, acquire x2 -> %s locked %d", err(rc),
           wasio_semaphore_locked(&plain));
  return 0;
}

int twin_sem_bounded_release_too_many(void) { return twin_run(main_); }
