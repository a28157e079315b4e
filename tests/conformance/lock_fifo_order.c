/* Lock is FIFO fair (see the .py). */
#include "twin.h"

static wasio_lock L;

static int worker(void *arg, void **result) {
  int rc = wasio_lock_acquire(&L);
  twin_log("%s acquire -> %s", (const char *)arg, err(rc));
  wasio_sleep(1);
  wasio_lock_release(&L);
  return 0;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"A", "B", "C", "D", "E"};
  wasio_task t[5];
  wasio_lock_init(&L);
  wasio_lock_acquire(&L);
  for (int i = 0; i < 5; i++)
    wasio_create_task(&t[i], worker, (void *)names[i]);
  wasio_sleep(0);
  twin_log("main release, locked %d", wasio_lock_locked(&L));
  wasio_lock_release(&L);
  for (int i = 0; i < 5; i++) wasio_await(t[i], NULL);
  twin_log("locked %d", wasio_lock_locked(&L));
  return 0;
}

int twin_lock_fifo_order(void) { return twin_run(main_); }
