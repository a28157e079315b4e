/* Cancel arrives while the task is ready to resume from `await C` (see the
 * .py). */
#include "twin.h"

static wasio_task T, C;

static int child(void *arg, void **result) {
  wasio_sleep(1); /* armed before U's: C ends first at 1.000 */
  twin_log("C returns 4");
  *result = R(4);
  return 0;
}

static int awaiter(void *arg, void **result) {
  void *value = NULL;
  wasio_create_task(&C, child, NULL);
  int rc = wasio_await(C, &value);
  if (rc != 0) {
    twin_log("T await C -> %s, C %s", err(rc), outcome(C));
    return rc;
  }
  twin_log("T await C -> ok %d", I(value));
  *result = value;
  return 0;
}

static int canceller(void *arg, void **result) {
  wasio_sleep(1);
  int rc = wasio_cancel(T);
  twin_log("U cancel -> %d cancelling %d", rc, wasio_task_cancelling(T));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task both[2];
  wasio_create_task(&T, awaiter, NULL);
  wasio_sleep(0); /* T creates C and C arms its sleep first */
  both[0] = T;
  wasio_create_task(&both[1], canceller, NULL);
  wasio_wait(both, 2, WASIO_ALL_COMPLETED, -1);
  twin_log("T %s C %s", outcome(T), outcome(C));
  return 0;
}

int twin_cancel_while_ready_await(void) { return twin_run(main_); }
