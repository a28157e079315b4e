/* A task with a cancel pending waits on a set Event (see the .py). */
#include "twin.h"

static wasio_event EV;

static int body(void *arg, void **result) {
  wasio_cancel(wasio_current_task());
  twin_log("T wait -> %s", err(wasio_event_wait(&EV)));
  twin_log("T sleep 0 -> %s", err(wasio_sleep(0)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_event_init(&EV);
  wasio_event_set(&EV);
  wasio_create_task(&t, body, NULL);
  wasio_wait(&t, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("T %s cancelling %d", outcome(t), wasio_task_cancelling(t));
  return 0;
}

int twin_event_wait_set_while_cancelled(void) { return twin_run(main_); }
