/* Cancelling one Event waiter (see the .py). */
#include "twin.h"

static wasio_event EV;

static int waiter(void *arg, void **result) {
  int rc = wasio_event_wait(&EV);
  twin_log("%s wait -> %s", (const char *)arg, err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task a, b, c;
  wasio_event_init(&EV);
  wasio_create_task(&a, waiter, "A");
  wasio_create_task(&b, waiter, "B");
  wasio_create_task(&c, waiter, "C");
  wasio_sleep(0);
  wasio_cancel(b);
  twin_log("cancel B");
  wasio_sleep(1);
  wasio_event_set(&EV);
  twin_log("set");
  wasio_await(a, NULL);
  wasio_await(c, NULL);
  twin_log("A %s B %s C %s", outcome(a), outcome(b), outcome(c));
  return 0;
}

int twin_event_cancel_waiter(void) { return twin_run(main_); }
