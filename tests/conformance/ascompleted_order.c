/* asyncio.as_completed yields the tasks in the order they finish, not in
 * the order given. */
#include "twin.h"

typedef struct spec {
  const char *name;
  double delay;
  int fail;
} spec;

static int job(void *arg, void **result) {
  const spec *s = arg;
  wasio_sleep(s->delay);
  if (s->fail) return boom("d");
  *result = R((int)(s->delay * 10));
  return 0;
}

static int main_(void *arg, void **result) {
  static const spec specs[] = {
      {"A", 3, 0}, {"B", 1, 0}, {"C", 2, 0}, {"D", 1.5, 1}};
  wasio_task ts[4], t;
  for (int i = 0; i < 4; i++) {
    wasio_create_task(&ts[i], job, (void *)&specs[i]);
    wasio_task_set_name(ts[i], specs[i].name);
  }
  wasio_as_completed ac;
  wasio_as_completed_init(&ac, ts, 4, -1);
  int rc;
  while ((rc = wasio_as_completed_next(&ac, &t)) == 1)
    twin_log("next -> %s %s", wasio_task_name(t), outcome(t));
  wasio_as_completed_close(&ac);
  twin_log("end");
  return 0;
}

int twin_ascompleted_order(void) { return twin_run(main_); }
