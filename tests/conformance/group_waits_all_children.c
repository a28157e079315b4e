/* TaskGroup exit waits for every child, however long each runs, and the
 * body's own return does not end the group early. */
#include "twin.h"

typedef struct job {
  const char *name;
  double delay;
} job;

static int child(void *arg, void **result) {
  job *j = arg;
  int rc = wasio_sleep(j->delay);
  if (rc != 0) return rc;
  twin_log("%s done", j->name);
  *result = R((int)j->delay);
  return 0;
}

static int main_(void *arg, void **result) {
  static job ja = {"A", 2}, jb = {"B", 1}, jc = {"C", 3};
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
  return 0;
}

int twin_group_waits_all_children(void) { return twin_run(main_); }
