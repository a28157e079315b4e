/* A call_later callback cancels a task whose sleep ends at the same instant
 * (the sleep was armed first). asyncio runs every due timer callback before
 * any task woken by a timer resumes: cancel returns 1 and T ends cancelled. */
#include "twin.h"

static wasio_task T;

static int sleeper(void *arg, void **result) {
  int rc = wasio_sleep(1);
  twin_log("T sleep -> %s", err(rc));
  if (rc != 0) return WASIO_ECANCELLED;
  *result = R(1);
  return 0;
}

static void cb(void *arg) { twin_log("cb cancel -> %d", wasio_cancel(T)); }

static int main_(void *arg, void **result) {
  wasio_create_task(&T, sleeper, NULL);
  wasio_sleep(0); /* T is asleep, its timer armed first */
  wasio_call_later(NULL, 1, cb, NULL);
  wasio_sleep(2);
  twin_log("T %s", outcome(T));
  return 0;
}

int twin_cb_timer_cancels_task_same_instant(void) { return twin_run(main_); }
