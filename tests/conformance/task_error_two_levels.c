/* An error travels up two awaits (see the .py). */
#include "twin.h"

static wasio_task B;

static int inner(void *arg, void **result) {
  wasio_sleep(1);
  return boom("deep");
}

static int middle(void *arg, void **result) {
  wasio_create_task(&B, inner, NULL);
  int rc = wasio_await(B, NULL);
  if (rc != 0) {
    twin_log("A await B -> %s", err(rc));
    return rc;
  }
  twin_log("A not reached");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a;
  void *value = NULL;
  wasio_create_task(&a, middle, NULL);
  int rc = wasio_await(a, &value);
  twin_log("main await A -> %s", result_of(rc, value));
  twin_log("A %s B %s", outcome(a), outcome(B));
  return 0;
}

int twin_task_error_two_levels(void) { return twin_run(main_); }
