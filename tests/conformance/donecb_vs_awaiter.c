/* An awaiter's wake-up and the done callbacks, in registration order (see
 * the .py). */
#include "twin.h"

static wasio_task T;

static void callback(wasio_task t, void *arg) {
  twin_log("cb %s sees T %s", (const char *)arg, outcome(t));
}

static int worker(void *arg, void **result) {
  wasio_sleep(1);
  *result = R(2);
  return 0;
}

static int awaiter(void *arg, void **result) {
  void *value = NULL;
  int rc = wasio_await(T, &value);
  if (rc != 0) return rc;
  twin_log("%s await T -> ok %d", (const char *)arg, I(value));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task a, b;
  wasio_create_task(&T, worker, NULL);
  wasio_create_task(&a, awaiter, "A");
  wasio_sleep(0); /* T sleeps, A awaits T */
  wasio_task_add_done_callback(T, callback, "cb1");
  wasio_create_task(&b, awaiter, "B");
  wasio_sleep(0); /* B awaits T */
  wasio_task_add_done_callback(T, callback, "cb2");
  wasio_sleep(2);
  twin_log("A %s B %s", outcome(a), outcome(b));
  return 0;
}

int twin_donecb_vs_awaiter(void) { return twin_run(main_); }
