/* A task with a cancel pending acquires a free Lock (see the .py). */
#include "twin.h"

static wasio_lock L;

static int body(void *arg, void **result) {
  wasio_cancel(wasio_current_task());
  int rc = wasio_lock_acquire(&L);
  twin_log("T acquire -> %s locked %d", err(rc), wasio_lock_locked(&L));
  twin_log("T sleep 0 -> %s", err(wasio_sleep(0)));
  if (wasio_lock_locked(&L)) wasio_lock_release(&L);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_lock_init(&L);
  wasio_create_task(&t, body, NULL);
  wasio_wait(&t, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("T %s cancelling %d locked %d", outcome(t),
           wasio_task_cancelling(t), wasio_lock_locked(&L));
  return 0;
}

int twin_lock_acquire_free_while_cancelled(void) { return twin_run(main_); }
