/* Condition.notify_all() wakes every waiter (see the .py). */
#include "twin.h"

static wasio_condition C;

static int waiter(void *arg, void **result) {
  wasio_condition_acquire(&C);
  int rc = wasio_condition_wait(&C);
  twin_log("%s wait -> %s", (const char *)arg, err(rc));
  wasio_sleep(1);
  twin_log("%s release", (const char *)arg);
  wasio_condition_release(&C);
  return rc;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"A", "B", "C"};
  wasio_task t[3];
  wasio_condition_init(&C, NULL);
  for (int i = 0; i < 3; i++)
    wasio_create_task(&t[i], waiter, (void *)names[i]);
  wasio_sleep(0);
  wasio_condition_acquire(&C);
  wasio_condition_notify_all(&C);
  twin_log("notify_all");
  wasio_sleep(1);
  twin_log("main release");
  wasio_condition_release(&C);
  for (int i = 0; i < 3; i++) wasio_await(t[i], NULL);
  twin_log("locked %d", wasio_condition_locked(&C));
  return 0;
}

int twin_cond_notify_all(void) { return twin_run(main_); }
