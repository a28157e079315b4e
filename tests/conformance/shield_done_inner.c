/* shield() of a task that is already done (see the .py). */
#include "twin.h"

static int value(void *arg, void **result) {
  *result = R(6);
  return 0;
}

static int fails(void *arg, void **result) { return boom("late"); }

static int main_(void *arg, void **result) {
  wasio_task v, f;
  void *out = NULL;
  wasio_create_task(&v, value, NULL);
  wasio_create_task(&f, fails, NULL);
  wasio_sleep(0);
  int rc = wasio_shield(v, &out);
  twin_log("shield V -> %s", result_of(rc, out));
  rc = wasio_shield(f, NULL);
  twin_log("shield F -> %s", err(rc));
  return 0;
}

int twin_shield_done_inner(void) { return twin_run(main_); }
