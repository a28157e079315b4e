/* The task iterating as_completed is cancelled while it waits: it gets
 * ECANCELLED; the tasks it waited for are not cancelled. */
#include "twin.h"

static wasio_task ts[2];

static int job(void *arg, void **result) {
  wasio_sleep(I(arg));
  *result = arg;
  return 0;
}

static int consumer(void *arg, void **result) {
  wasio_as_completed ac;
  wasio_task t;
  int rc;
  wasio_as_completed_init(&ac, ts, 2, -1);
  while ((rc = wasio_as_completed_next(&ac, &t)) == 1)
    twin_log("C next -> %s", outcome(t));
  wasio_as_completed_close(&ac);
  if (rc < 0) twin_log("C next -> %s", err(rc));
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_task c;
  wasio_create_task(&ts[0], job, R(1));
  wasio_create_task(&ts[1], job, R(3));
  wasio_create_task(&c, consumer, NULL);
  wasio_sleep(2);
  twin_log("cancel C -> %d", wasio_cancel(c));
  wasio_wait(&c, 1, WASIO_ALL_COMPLETED, -1);
  twin_log("C %s", outcome(c));
  wasio_sleep(2);
  twin_log("tasks %s %s", outcome(ts[0]), outcome(ts[1]));
  return 0;
}

int twin_ascompleted_caller_cancelled(void) { return twin_run(main_); }
