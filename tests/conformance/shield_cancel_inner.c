/* Cancelling the shielded task itself (see the .py). */
#include "twin.h"

static int inner(void *arg, void **result) {
  int rc = wasio_sleep(2);
  if (rc != 0) {
    twin_log("I sleep -> %s", err(rc));
    return rc;
  }
  *result = R(7);
  return 0;
}

static int outer(void *arg, void **result) {
  wasio_task i = *(wasio_task *)arg;
  int rc = wasio_shield(i, NULL);
  if (rc != 0)
    twin_log("T shield -> %s, I %s T cancelling %d", err(rc), outcome(i),
             wasio_task_cancelling(wasio_current_task()));
  *result = R(1);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task i, t;
  void *value = NULL;
  wasio_create_task(&i, inner, NULL);
  wasio_create_task(&t, outer, &i);
  wasio_sleep(1);
  twin_log("main cancel I -> %d", wasio_cancel(i));
  int rc = wasio_await(t, &value);
  twin_log("main await T -> %s", result_of(rc, value));
  twin_log("T %s I %s", outcome(t), outcome(i));
  return 0;
}

int twin_shield_cancel_inner(void) { return twin_run(main_); }
