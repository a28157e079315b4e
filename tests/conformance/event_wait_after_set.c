/* Event.wait() on a set Event returns at once (see the .py). */
#include "twin.h"

static int other(void *arg, void **result) {
  twin_log("other runs");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_event ev;
  wasio_task t;
  wasio_event_init(&ev);
  twin_log("is_set %d", wasio_event_is_set(&ev));
  wasio_event_set(&ev);
  twin_log("set, is_set %d", wasio_event_is_set(&ev));
  wasio_create_task(&t, other, NULL);
  twin_log("wait -> %s", err(wasio_event_wait(&ev)));
  twin_log("wait -> %s", err(wasio_event_wait(&ev)));
  wasio_await(t, NULL);
  return 0;
}

int twin_event_wait_after_set(void) { return twin_run(main_); }
