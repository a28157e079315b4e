/* A child fails while the body already waits in the group's exit: the other
 * child is cancelled, exit fails at that instant, and afterwards the body's
 * task is not left cancelled (cancelling 0, its next sleep works). */
#include "twin.h"

typedef struct job {
  const char *name;
  double delay;
  int fail;
} job;

static int child(void *arg, void **result) {
  job *j = arg;
  int rc = wasio_sleep(j->delay);
  twin_log("%s sleep -> %s", j->name, err(rc));
  if (rc != 0) return WASIO_ECANCELLED;
  if (j->fail) return boom(j->name);
  *result = R((int)j->delay);
  return 0;
}

static int main_(void *arg, void **result) {
  static job ja = {"A", 1, 0}, jb = {"B", 2, 1}, jc = {"C", 5, 0};
  wasio_taskgroup tg;
  wasio_task a, b, c;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, &a, child, &ja);
  wasio_taskgroup_spawn(&tg, &b, child, &jb);
  wasio_taskgroup_spawn(&tg, &c, child, &jc);
  twin_log("body end");
  int rc = wasio_taskgroup_exit(&tg, 0);
  twin_log("exit -> %s", err(rc));
  twin_log("A %s B %s C %s", outcome(a), outcome(b), outcome(c));
  twin_log("main cancelling %d", wasio_task_cancelling(wasio_current_task()));
  twin_log("sleep after -> %s", err(wasio_sleep(1)));
  return 0;
}

int twin_group_child_fails_during_exit(void) { return twin_run(main_); }
