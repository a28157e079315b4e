/* say_after (seed 004): the same two greetings three ways.
 *
 *   sequential  await say_after(1, "hello"); await say_after(2, "world")
 *               -> hello at 1 s, world at 3 s: each await finishes first.
 *   tasks       t1 = create_task(...); t2 = create_task(...); await both
 *               -> both sleeps run together: done at 2 s.
 *   gather      gather(say_after(1, ...), say_after(2, ...)) -> 2 s.
 *
 * Awaiting a coroutine in Python runs it inside the awaiting task; with
 * stackful tasks that is simply calling the function. */
#include "demo.h"

#include <string.h>

typedef struct say {
  double delay;
  const char *what;
} say;

static int say_after(void *arg, void **result) {
  const say *s = arg;
  (void)result;
  int rc = wasio_sleep(s->delay);
  if (rc != 0) return rc;
  demo_log("%s", s->what);
  return 0;
}

static int say_main(void *arg, void **result) {
  const demo_args *args = arg;
  char first[48], second[48];
  say hello = {1.0, demo_param(args, "first", "hello", first, sizeof first)};
  say world = {2.0, demo_param(args, "second", "world", second, sizeof second)};
  wasio_task tasks[2];
  int rc = 0;
  (void)result;
  if ((rc = demo_param_seconds(args, "first_delay", 1.0, &hello.delay)) != 0 ||
      (rc = demo_param_seconds(args, "second_delay", 2.0, &world.delay)) != 0)
    return rc;

  demo_log("started (%s)", args->mode);
  if (strcmp(args->mode, "sequential") == 0) {
    rc = say_after(&hello, NULL);
    if (rc == 0) rc = say_after(&world, NULL);
  } else {
    if ((rc = wasio_create_task(&tasks[0], say_after, &hello)) != 0) return rc;
    if ((rc = wasio_create_task(&tasks[1], say_after, &world)) != 0) return rc;
    if (strcmp(args->mode, "tasks") == 0) {
      rc = wasio_await(tasks[0], NULL);
      if (rc == 0) rc = wasio_await(tasks[1], NULL);
    } else {
      rc = wasio_gather(tasks, 2, NULL);
    }
    wasio_task_release(tasks[0]);
    wasio_task_release(tasks[1]);
  }
  if (rc != 0) return rc;
  demo_log("finished");
  return 0;
}

static const char *const modes[] = {"sequential", "tasks", "gather", NULL};

const wasio_demo demo_say_after = {
    .name = "say_after",
    .summary = "two greetings, awaited one after the other, as tasks, and gathered",
    .seed = "004",
    .modes = modes,
    .main = say_main,
    .params = "first=hello, first_delay=1, second=world, second_delay=2",
};
