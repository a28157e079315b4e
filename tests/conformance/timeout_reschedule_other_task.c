/* A watchdog task extends a worker's timeout: reschedule() called from
 * another task than the one in the scope (CPython allows it). */
#include "twin.h"

static wasio_scope S;
static wasio_event entered;

static int worker(void *arg, void **result) {
  wasio_timeout_enter(&S, 1);
  wasio_event_set(&entered);
  int rc = wasio_sleep(2);
  twin_log("W sleep -> %s", err(rc));
  int expired = wasio_timeout_expired(&S);
  rc = wasio_timeout_exit(&S, rc == WASIO_ECANCELLED ? 0 : rc);
  if (rc != 0) return rc;
  twin_log("W expired %d", expired);
  return 0;
}

static int watchdog(void *arg, void **result) {
  wasio_event_wait(&entered);
  wasio_sleep(0.5);
  int rc = wasio_timeout_reschedule(&S, wasio_now() + 3);
  twin_log("D reschedule -> %s when %.3f", err(rc), wasio_timeout_when(&S));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task w, d;
  wasio_event_init(&entered);
  wasio_create_task(&w, worker, NULL);
  wasio_create_task(&d, watchdog, NULL);
  twin_log("W -> %s", err(wasio_await(w, NULL)));
  twin_log("D -> %s", err(wasio_await(d, NULL)));
  return 0;
}

int twin_timeout_reschedule_other_task(void) { return twin_run(main_); }
