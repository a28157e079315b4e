/* asyncio.wait(ALL_COMPLETED) over an ok task, a failing one and a
 * cancelled one: returns when the last is done, raises nothing. */
#include "twin.h"

typedef struct spec {
  int delay, fail;
} spec;

static int job(void *arg, void **result) {
  const spec *s = arg;
  int rc = wasio_sleep(s->delay);
  if (rc != 0) return rc;
  if (s->fail) return boom("b");
  *result = R(s->delay);
  return 0;
}

static void cancel_cb(void *arg) { wasio_cancel(*(wasio_task *)arg); }

static int main_(void *arg, void **result) {
  static const spec specs[] = {{1, 0}, {2, 1}, {5, 0}};
  wasio_task ts[3];
  for (int i = 0; i < 3; i++)
    wasio_create_task(&ts[i], job, (void *)&specs[i]);
  wasio_call_later(NULL, 3, cancel_cb, &ts[2]);
  int done = wasio_wait(ts, 3, WASIO_ALL_COMPLETED, -1);
  twin_log("wait -> done %d pending %d", done, 3 - done);
  twin_log("outcomes %s %s %s", outcome(ts[0]), outcome(ts[1]),
           outcome(ts[2]));
  return 0;
}

int twin_wait_all_completed(void) { return twin_run(main_); }
