/* asyncio.gather: the first task to fail makes gather return its error at
 * once; the other tasks are not cancelled and finish later. */
#include "twin.h"

typedef struct spec {
  int delay, fail;
} spec;

static int job(void *arg, void **result) {
  const spec *s = arg;
  wasio_sleep(s->delay);
  if (s->fail) return wasio_fail(WASIO_EUSER, "fail %d", s->delay);
  twin_log("finished %d", s->delay);
  *result = R(s->delay);
  return 0;
}

static int main_(void *arg, void **result) {
  static const spec specs[] = {{2, 0}, {1, 1}, {3, 1}};
  wasio_task ts[3];
  for (int i = 0; i < 3; i++)
    wasio_create_task(&ts[i], job, (void *)&specs[i]);
  twin_log("gather -> %s", err(wasio_gather(ts, 3, NULL)));
  twin_log("outcomes %s %s %s", outcome(ts[0]), outcome(ts[1]),
           outcome(ts[2]));
  wasio_sleep(3);
  twin_log("later %s %s %s", outcome(ts[0]), outcome(ts[1]), outcome(ts[2]));
  return 0;
}

int twin_gather_first_error(void) { return twin_run(main_); }
