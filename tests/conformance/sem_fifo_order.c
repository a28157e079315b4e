/* Semaphore(2) with five tasks, FIFO (see the .py). */
#include "twin.h"

static wasio_semaphore S;

static int worker(void *arg, void **result) {
  int rc = wasio_semaphore_acquire(&S);
  twin_log("%s acquire -> %s locked %d", (const char *)arg, err(rc),
           wasio_semaphore_locked(&S));
  wasio_sleep(1);
  wasio_semaphore_release(&S);
  return 0;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"A", "B", "C", "D", "E"};
  wasio_task t[5];
  wasio_semaphore_init(&S, 2);
  for (int i = 0; i < 5; i++)
    wasio_create_task(&t[i], worker, (void *)names[i]);
  for (int i = 0; i < 5; i++) wasio_await(t[i], NULL);
  twin_log("locked %d", wasio_semaphore_locked(&S));
  return 0;
}

int twin_sem_fifo_order(void) { return twin_run(main_); }
