/* Condition.wait_for(predicate) (see the .py). */
#include "twin.h"

static wasio_condition C;
static int n;

static int ready(void *arg) {
  twin_log("predicate n %d", n);
  return n >= 3;
}

static int waiter(void *arg, void **result) {
  wasio_condition_acquire(&C);
  int rc = wasio_condition_wait_for(&C, ready, NULL);
  twin_log("wait_for -> %s locked %d", err(rc), wasio_condition_locked(&C));
  wasio_condition_release(&C);
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task w;
  wasio_condition_init(&C, NULL);
  wasio_create_task(&w, waiter, NULL);
  for (int i = 0; i < 3; i++) {
    wasio_sleep(1);
    wasio_condition_acquire(&C);
    n++;
    wasio_condition_notify_all(&C);
    wasio_condition_release(&C);
  }
  wasio_await(w, NULL);
  return 0;
}

int twin_cond_wait_for(void) { return twin_run(main_); }
