/* Event.set() wakes every waiter in order (see the .py). */
#include "twin.h"

static wasio_event EV;

static int waiter(void *arg, void **result) {
  int rc = wasio_event_wait(&EV);
  twin_log("%s wait -> %s is_set %d", (const char *)arg, err(rc),
           wasio_event_is_set(&EV));
  return rc;
}

static int main_(void *arg, void **result) {
  static const char *names[] = {"A", "B", "C"};
  wasio_task t[3];
  wasio_event_init(&EV);
  for (int i = 0; i < 3; i++)
    wasio_create_task(&t[i], waiter, (void *)names[i]);
  wasio_sleep(1);
  wasio_event_set(&EV);
  wasio_event_clear(&EV);
  twin_log("set, clear");
  for (int i = 0; i < 3; i++) wasio_await(t[i], NULL);
  twin_log("is_set %d", wasio_event_is_set(&EV));
  return 0;
}

int twin_event_set_wakes_all(void) { return twin_run(main_); }
