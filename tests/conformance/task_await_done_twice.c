/* Awaiting a done task twice, at once (see the .py). */
#include "twin.h"

static int value(void *arg, void **result) {
  *result = R(4);
  return 0;
}

static int fails(void *arg, void **result) { return boom("x"); }

static int bystander(void *arg, void **result) {
  twin_log("U runs");
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t, f, u;
  void *v = NULL;
  wasio_create_task(&t, value, NULL);
  wasio_create_task(&f, fails, NULL);
  wasio_sleep(0);
  wasio_create_task(&u, bystander, NULL);
  int rc = wasio_await(t, &v);
  twin_log("await T -> %s", result_of(rc, v));
  v = NULL;
  rc = wasio_await(t, &v);
  twin_log("await T again -> %s", result_of(rc, v));
  rc = wasio_await(f, NULL);
  twin_log("await F -> %s", err(rc));
  rc = wasio_await(f, NULL);
  twin_log("await F again -> %s", err(rc));
  twin_log("main yields");
  wasio_sleep(0);
  twin_log("main back");
  return wasio_await(u, NULL);
}

int twin_task_await_done_twice(void) { return twin_run(main_); }
