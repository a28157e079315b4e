/* Event.clear() after set(): wait() blocks again (see the .py). */
#include "twin.h"

static wasio_event EV;

static int waiter(void *arg, void **result) {
  twin_log("W wait -> %s", err(wasio_event_wait(&EV)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task w;
  wasio_event_init(&EV);
  wasio_event_set(&EV);
  wasio_event_set(&EV);
  wasio_event_clear(&EV);
  twin_log("set, set, clear: is_set %d", wasio_event_is_set(&EV));
  wasio_create_task(&w, waiter, NULL);
  wasio_sleep(1);
  twin_log("W done %d", wasio_task_state(w) == WASIO_TASK_DONE);
  wasio_event_set(&EV);
  twin_log("set");
  wasio_await(w, NULL);
  return 0;
}

int twin_event_clear(void) { return twin_run(main_); }
