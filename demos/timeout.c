/* timeout (seed 003 §7.5): a slow operation (5 s) given 1 s.
 *   wait_for  asyncio.wait_for(slow(), timeout=1.0): the operation is
 *             cancelled, its cleanup runs, the caller gets ETIMEDOUT
 *   scope     async with asyncio.timeout(1.0): every await inside fails
 *             once the deadline passes; the exit reports the timeout */
#include "demo.h"

#include <string.h>

static int slow_operation(void *arg, void **result) {
  const double *seconds = arg;
  int rc = wasio_sleep(*seconds);
  if (rc != 0) {
    demo_log("slow operation: cancelled; cleanup runs");
    return rc;
  }
  *result = "done";
  return 0;
}

static int timeout_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  double work, limit;
  int rc;
  if ((rc = demo_param_seconds(args, "work", 5, &work)) != 0 ||
      (rc = demo_param_seconds(args, "timeout", 1, &limit)) != 0)
    return rc;
  if (strcmp(args->mode, "wait_for") == 0) {
    wasio_task t;
    wasio_create_task(&t, slow_operation, &work);
    rc = wasio_wait_for(t, limit, NULL);
    wasio_task_release(t);
  } else {
    wasio_scope s;
    wasio_timeout_enter(&s, limit);
    rc = slow_operation(&work, NULL);
    rc = wasio_timeout_exit(&s, rc);
  }
  if (rc == WASIO_ETIMEDOUT)
    demo_log("the operation timed out (%s)", wasio_err_name(rc));
  else
    demo_log("result: %s", rc == 0 ? "done" : wasio_error_message());
  return 0;
}

static const char *const modes[] = {"wait_for", "scope", NULL};

const wasio_demo demo_timeout = {
    .name = "timeout",
    .summary = "a 5 s operation given 1 s: wait_for and a timeout scope",
    .seed = "003",
    .modes = modes,
    .main = timeout_main,
    .params = "work=5, timeout=1",
};
