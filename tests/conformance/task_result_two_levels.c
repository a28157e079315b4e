/* A result travels up two awaits (see the .py). */
#include "twin.h"

static int inner(void *arg, void **result) {
  wasio_sleep(1);
  twin_log("B returns 5");
  *result = R(5);
  return 0;
}

static int middle(void *arg, void **result) {
  wasio_task b;
  void *value = NULL;
  wasio_create_task(&b, inner, NULL);
  int rc = wasio_await(b, &value);
  if (rc != 0) return rc;
  twin_log("A await B -> %d B %s", I(value), outcome(b));
  *result = R(I(value) + 1);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a;
  void *value = NULL;
  wasio_create_task(&a, middle, NULL);
  int rc = wasio_await(a, &value);
  twin_log("main await A -> %s", result_of(rc, value));
  twin_log("A %s", outcome(a));
  return 0;
}

int twin_task_result_two_levels(void) { return twin_run(main_); }
