/* Out of memory: creating tasks until memory runs out gives WASIO_ENOMEM,
 * (from wasio_create_task, or, when the task struct fit but its stack did
 * not, as the outcome of the task at its start), and the loop and the
 * tasks already created keep working. In wasm the test modules have a
 * 256 MiB memory maximum (Makefile); natively the CLI
 * test runs `wasio demo stress --mode oom` under `ulimit -v` instead (the
 * sanitizers reserve terabytes of address space, so no limit can be set
 * on this suite). */
#include "test.h"

#include <stdlib.h>
#include <string.h>

static int sleeper(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_sleep(5);
}

typedef struct oom {
  size_t created;
  int rc;
  char message[256];
  size_t finished;
  int after;
} oom;

#define MAX_TASKS 200000

static int oom_main(void *arg, void **result) {
  oom *o = arg;
  wasio_task *tasks = malloc(MAX_TASKS * sizeof *tasks);
  (void)result;
  CHECK(tasks != NULL);
  if (tasks == NULL) return WASIO_ENOMEM;
  while (o->created < MAX_TASKS) {
    int rc = wasio_create_task(&tasks[o->created], sleeper, NULL);
    if (rc != 0) {
      o->rc = rc;
      snprintf(o->message, sizeof o->message, "%s", wasio_error_message());
      break;
    }
    o->created++;
    /* let it start, so its stack is taken now */
    if (wasio_sleep(0) != 0) break;
    wasio_outcome out;
    if (wasio_task_state(tasks[o->created - 1]) == WASIO_TASK_DONE) {
      /* created, but no memory left for its stack when it started */
      o->rc = wasio_task_outcome(tasks[o->created - 1], &out);
      snprintf(o->message, sizeof o->message, "%s", out.message);
      o->created--;
      wasio_task_release(tasks[o->created]);
      break;
    }
  }
  /* every task that started finishes, on time */
  for (size_t i = 0; i < o->created; i++) {
    int rc = wasio_await(tasks[i], NULL);
    if (rc == 0) o->finished++;
    wasio_task_release(tasks[i]);
  }
  CHECK_NEAR(wasio_now(), 5.0, 1e-9);
  free(tasks);
  /* and memory is there again */
  wasio_task t;
  o->after = wasio_create_task(&t, sleeper, NULL);
  if (o->after == 0) o->after = wasio_await(t, NULL);
  return 0;
}

TEST(tasks_until_out_of_memory) {
  oom o = {0};
  CHECK_RC(run_virtual(oom_main, &o, NULL), 0);
  CHECK_RC(o.rc, WASIO_ENOMEM);
  if (strcmp(o.message, "no memory for the task's stack") != 0)
    CHECK_STR(o.message, "wasio_create_task: out of memory");
  CHECK(o.created > 1000);
  CHECK_INT(o.finished, o.created);
  CHECK_RC(o.after, 0);
  printf(" (%zu tasks before ENOMEM)", o.created);
}
