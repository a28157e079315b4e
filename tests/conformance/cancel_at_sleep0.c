/* Cancelling a task that loops on sleep(0) (see the .py). */
#include "twin.h"

static int count;

static int spinner(void *arg, void **result) {
  for (;;) {
    int rc = wasio_sleep(0);
    if (rc != 0) {
      twin_log("T sleep(0) -> %s after %d yields", err(rc), count);
      return rc;
    }
    count++;
  }
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_create_task(&t, spinner, NULL);
  for (int i = 0; i < 3; i++) wasio_sleep(0);
  twin_log("main cancel -> %d T yields so far %d", wasio_cancel(t), count);
  int rc = wasio_await(t, NULL);
  twin_log("main await T -> %s", err(rc));
  twin_log("T %s yields %d", outcome(t), count);
  return 0;
}

int twin_cancel_at_sleep0(void) { return twin_run(main_); }
