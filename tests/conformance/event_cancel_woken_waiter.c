/* Cancelling an Event waiter in the same step as the set() that woke it
 * (see the .py). */
#include "twin.h"

static wasio_event EV;

static int waiter(void *arg, void **result) {
  const char *name = arg;
  int rc = wasio_event_wait(&EV);
  twin_log("%s wait -> %s", name, err(rc));
  if (rc != 0) return rc;
  twin_log("%s sleep 0 -> %s", name, err(wasio_sleep(0)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task both[2];
  wasio_event_init(&EV);
  wasio_create_task(&both[0], waiter, "A");
  wasio_create_task(&both[1], waiter, "B");
  wasio_sleep(0);
  wasio_event_set(&EV);
  wasio_cancel(both[0]);
  twin_log("set, cancel A");
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("A %s cancelling %d B %s", outcome(both[0]),
           wasio_task_cancelling(both[0]), outcome(both[1]));
  return 0;
}

int twin_event_cancel_woken_waiter(void) { return twin_run(main_); }
