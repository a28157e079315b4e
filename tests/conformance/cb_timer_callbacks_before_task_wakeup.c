/* Timers due at the same instant: a task's sleep (armed first) and two
 * call_later callbacks. asyncio runs both callbacks before the woken task
 * resumes, whatever the arming order. */
#include "twin.h"

static void cb(void *arg) { twin_log("cb %s", (const char *)arg); }

static int sleeper(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  twin_log("T woke");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, sleeper, NULL);
  wasio_sleep(0); /* T is asleep, its timer armed first */
  wasio_call_later(NULL, 1, cb, "1");
  wasio_call_later(NULL, 1, cb, "2");
  wasio_await(t, NULL);
  twin_log("main end");
  return 0;
}

int twin_cb_timer_callbacks_before_task_wakeup(void) { return twin_run(main_); }
