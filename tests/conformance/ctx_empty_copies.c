/* Tasks and callbacks made while the context is empty each get a copy of
 * their own (in wasio, one shared empty context until they set something):
 * what one sets is seen by the tasks it creates afterwards, and never by its
 * creator, its sibling, or a callback scheduled before. */
#include "twin.h"

static wasio_contextvar var = WASIO_CONTEXTVAR("v", R(0));

static void cb(void *arg) {
  const char *name = arg;
  twin_log("%s v %d", name, I(wasio_contextvar_get(&var)));
  wasio_contextvar_set(&var, R(7), NULL);
  twin_log("%s set v %d", name, I(wasio_contextvar_get(&var)));
}

static int grandchild(void *arg, void **result) {
  twin_log("grandchild of %d v %d", I(arg), I(wasio_contextvar_get(&var)));
  return 0;
}

static int child(void *arg, void **result) {
  wasio_task g;
  twin_log("child %d v %d", I(arg), I(wasio_contextvar_get(&var)));
  wasio_contextvar_set(&var, arg, NULL);
  int rc = wasio_sleep(0);
  if (rc != 0) return rc;
  wasio_create_task(&g, grandchild, arg);
  if ((rc = wasio_await(g, NULL)) != 0) return rc;
  twin_log("child %d ends v %d", I(arg), I(wasio_contextvar_get(&var)));
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task t[2], c;
  wasio_call_soon(NULL, cb, "cb1");
  wasio_create_task(&t[0], child, R(10));
  wasio_create_task(&t[1], child, R(20));
  wasio_call_soon(NULL, cb, "cb2");
  wasio_gather(t, 2, NULL);
  twin_log("main v %d", I(wasio_contextvar_get(&var)));
  wasio_contextvar_set(&var, R(1), NULL);
  wasio_create_task(&c, child, R(30));
  wasio_await(c, NULL);
  twin_log("main v %d", I(wasio_contextvar_get(&var)));
  return 0;
}

int twin_ctx_empty_copies(void) { return twin_run(main_); }
