/* task_error_two_levels with a step task in the middle (see the .py). */
#include "twin.h"

static wasio_task B;

static int inner(void *arg, void **result) {
  wasio_sleep(1);
  return boom("deep");
}

static int middle(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  wasio_create_task(&B, inner, NULL);
  WASIO_STEP_TRY(s, wasio_step_await(s, B));
  if (s->status != 0) {
    twin_log("A await B -> %s", err(s->status));
    return s->status;
  }
  twin_log("A not reached");
  WASIO_STEP_END(s);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a;
  void *value = NULL;
  wasio_create_step_task(&a, middle, NULL);
  int rc = wasio_await(a, &value);
  twin_log("main await A -> %s", result_of(rc, value));
  twin_log("A %s B %s", outcome(a), outcome(B));
  return 0;
}

int twin_step_task_error_two_levels(void) { return twin_run(main_); }
