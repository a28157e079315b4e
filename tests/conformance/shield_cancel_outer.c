/* Cancelling the task that awaits shield(I) (see the .py). */
#include "twin.h"

static int inner(void *arg, void **result) {
  int rc = wasio_sleep(2);
  if (rc != 0) return rc;
  twin_log("I returns 7");
  *result = R(7);
  return 0;
}

static int outer(void *arg, void **result) {
  wasio_task i = *(wasio_task *)arg;
  int rc = wasio_shield(i, NULL);
  if (rc != 0) twin_log("T shield -> %s, I %s", err(rc), outcome(i));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task i, t;
  void *value = NULL;
  wasio_create_task(&i, inner, NULL);
  wasio_create_task(&t, outer, &i);
  wasio_sleep(1);
  twin_log("main cancel T -> %d", wasio_cancel(t));
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s I %s I cancelling %d", outcome(t), outcome(i),
           wasio_task_cancelling(i));
  rc = wasio_await(i, &value);
  twin_log("main await I -> %s", result_of(rc, value));
  return 0;
}

int twin_shield_cancel_outer(void) { return twin_run(main_); }
