/* all_tasks() counts (see the .py). */
#include "twin.h"

static int quick(void *arg, void **result) {
  *result = R(1);
  return 0;
}

static int slow(void *arg, void **result) { return wasio_sleep(1); }

static int main_(void *arg, void **result) {
  wasio_task a, b, c;
  twin_log("alone %d", wasio_all_tasks(NULL, 0));
  wasio_create_task(&a, quick, NULL);
  wasio_create_task(&b, slow, NULL);
  twin_log("after create %d", wasio_all_tasks(NULL, 0));
  wasio_create_task(&c, slow, NULL);
  wasio_cancel(c);
  twin_log("after cancel %d", wasio_all_tasks(NULL, 0));
  wasio_sleep(0);
  twin_log("after yield %d", wasio_all_tasks(NULL, 0));
  int rc = wasio_await(b, NULL);
  if (rc != 0) return rc;
  twin_log("after await %d a %d c %d", wasio_all_tasks(NULL, 0),
           wasio_task_state(a) == WASIO_TASK_DONE,
           wasio_task_state(c) == WASIO_TASK_DONE);
  return 0;
}

int twin_task_all_tasks(void) { return twin_run(main_); }
