/* cancel(msg): the message reaches the task and its awaiters (see the .py). */
#include "twin.h"

static int sleeper(void *arg, void **result) {
  int rc = wasio_sleep(1);
  if (rc != 0)
    twin_log("%s sleep -> %s msg %s", (const char *)arg, err(rc),
             wasio_error_message());
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task t, u;
  wasio_outcome o;
  wasio_create_task(&t, sleeper, "T");
  wasio_create_task(&u, sleeper, "U");
  wasio_sleep(0.5);
  twin_log("main cancel T -> %d", wasio_cancel_msg(t, "stop"));
  int rc = wasio_await(t, NULL);
  if (rc != 0)
    twin_log("main await T -> %s msg %s", err(rc), wasio_error_message());
  twin_log("main cancel U -> %d", wasio_cancel_msg(u, "halt"));
  wasio_wait(&u, 1, WASIO_ALL_COMPLETED, -1);
  wasio_task_outcome(u, &o);
  twin_log("U %s msg %s", outcome(u), o.message);
  return 0;
}

int twin_cancel_msg(void) { return twin_run(main_); }
