/* Condition.notify(n) wakes n waiters in order (see the .py). */
#include "twin.h"

static wasio_condition C;

static int waiter(void *arg, void **result) {
  wasio_condition_acquire(&C);
  int rc = wasio_condition_wait(&C);
  twin_log("%s wait -> %s locked %d", (const char *)arg, err(rc),
           wasio_condition_locked(&C));
  wasio_condition_release(&C);
  return rc;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"A", "B", "C", "D"};
  static const int counts[] = {1, 2, 1};
  wasio_task t[4];
  wasio_condition_init(&C, NULL);
  for (int i = 0; i < 4; i++)
    wasio_create_task(&t[i], waiter, (void *)names[i]);
  for (int i = 0; i < 3; i++) {
    wasio_sleep(1);
    wasio_condition_acquire(&C);
    wasio_condition_notify(&C, (size_t)counts[i]);
    twin_log("notify %d", counts[i]);
    wasio_condition_release(&C);
  }
  for (int i = 0; i < 4; i++) wasio_await(t[i], NULL);
  return 0;
}

int twin_cond_notify_in_order(void) { return twin_run(main_); }
