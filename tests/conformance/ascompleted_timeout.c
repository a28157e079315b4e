/* asyncio.as_completed(timeout=2) over tasks of 1 s and 3 s: one comes out,
 * then ETIMEDOUT at 2.000; the slow task runs on. */
#include "twin.h"

static int job(void *arg, void **result) {
  wasio_sleep(I(arg));
  *result = arg;
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task ts[2], t;
  wasio_create_task(&ts[0], job, R(3));
  wasio_task_set_name(ts[0], "T3");
  wasio_create_task(&ts[1], job, R(1));
  wasio_task_set_name(ts[1], "T1");
  wasio_as_completed ac;
  wasio_as_completed_init(&ac, ts, 2, 2);
  int rc;
  while ((rc = wasio_as_completed_next(&ac, &t)) == 1)
    twin_log("next -> %s %s", wasio_task_name(t), outcome(t));
  if (rc == 0)
    twin_log("end");
  else
    twin_log("next -> %s", err(rc));
  wasio_as_completed_close(&ac);
  wasio_sleep(2);
  twin_log("later %s %s", outcome(ts[0]), outcome(ts[1]));
  return 0;
}

int twin_ascompleted_timeout(void) { return twin_run(main_); }
