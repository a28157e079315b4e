/* Done callbacks run for cancelled tasks too (see the .py). */
#include "twin.h"

static void callback(wasio_task t, void *arg) {
  twin_log("cb %s %s", (const char *)arg, outcome(t));
}

static int sleeper(void *arg, void **result) { return wasio_sleep(1); }

static int main_(void *arg, void **result) {
  wasio_task s, n;
  wasio_create_task(&s, sleeper, NULL);
  wasio_task_add_done_callback(s, callback, "S");
  wasio_sleep(0.5);
  wasio_create_task(&n, sleeper, NULL);
  wasio_task_add_done_callback(n, callback, "N");
  int rn = wasio_cancel(n);
  int rs = wasio_cancel(s);
  twin_log("main cancel N -> %d S -> %d", rn, rs);
  wasio_sleep(1);
  twin_log("S %s N %s", outcome(s), outcome(n));
  return 0;
}

int twin_donecb_cancelled(void) { return twin_run(main_); }
