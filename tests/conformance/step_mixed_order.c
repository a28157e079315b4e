/* Step tasks and ordinary tasks on one loop (see the .py): the order in
 * which they start, wake and finish, results through await and gather. */
#include "twin.h"

typedef struct job {
  const char *name;
  double delay;
  wasio_task awaited; /* {0, 0}: none */
} job;

static int stepper(wasio_step *s, void *arg, void **result) {
  job *j = arg;
  WASIO_STEP_BEGIN(s);
  twin_log("%s start", j->name);
  WASIO_STEP_AWAIT(s, wasio_step_sleep(s, 0));
  twin_log("%s after yield", j->name);
  WASIO_STEP_AWAIT(s, wasio_step_sleep(s, j->delay));
  twin_log("%s slept %.1f", j->name, j->delay);
  if (j->awaited.slot != 0) {
    WASIO_STEP_AWAIT(s, wasio_step_await(s, j->awaited));
    twin_log("%s awaited -> %d", j->name, I(s->result));
  }
  WASIO_STEP_END(s);
  *result = R(j->delay * 10);
  return 0;
}

static int plain(void *arg, void **result) {
  job *j = arg;
  twin_log("%s start", j->name);
  wasio_sleep(0);
  twin_log("%s after yield", j->name);
  wasio_sleep(j->delay);
  twin_log("%s slept %.1f", j->name, j->delay);
  *result = R(j->delay * 10);
  return 0;
}

static int main_(void *arg, void **result) {
  static job a = {"A", 0.3, {0, 0}}, b = {"B", 0.1, {0, 0}},
             c = {"C", 0.2, {0, 0}}, d = {"D", 0.1, {0, 0}};
  wasio_task t[4];
  void *r[4];
  wasio_create_step_task(&t[0], stepper, &a);
  wasio_create_task(&t[1], plain, &b);
  c.awaited = t[0];
  wasio_create_step_task(&t[2], stepper, &c);
  wasio_create_step_task(&t[3], stepper, &d);
  int rc = wasio_gather(t, 4, r);
  twin_log("gather -> %s %d %d %d %d", err(rc), I(r[0]), I(r[1]), I(r[2]),
           I(r[3]));
  return 0;
}

int twin_step_mixed_order(void) { return twin_run(main_); }
