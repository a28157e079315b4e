/* A task runs in a copy of its creator's context taken at create: a later
 * change by the creator is not seen, the task's own changes are not seen by
 * the creator, and a task it creates inherits its value. */
#include "twin.h"

static wasio_contextvar var = WASIO_CONTEXTVAR("v", R(0));

static int v(void) { return I(wasio_contextvar_get(&var)); }

static int grandchild(void *arg, void **result) {
  twin_log("G v %d", v());
  return 0;
}

static int child(void *arg, void **result) {
  wasio_task g;
  twin_log("T v %d", v());
  wasio_contextvar_set(&var, R(2), NULL);
  twin_log("T set v %d", v());
  wasio_create_task(&g, grandchild, NULL);
  wasio_await(g, NULL);
  twin_log("T v %d", v());
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t;
  wasio_contextvar_set(&var, R(1), NULL);
  wasio_create_task(&t, child, NULL);
  wasio_contextvar_set(&var, R(3), NULL);
  twin_log("main set v %d", v());
  wasio_await(t, NULL);
  twin_log("main v %d", v());
  return 0;
}

int twin_ctx_task_copies_creator(void) { return twin_run(main_); }
