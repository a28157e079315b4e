/* nested (seeds 000 and 003): wasio_run() from inside a running loop is
 * refused with the same words as asyncio's RuntimeError, and the running
 * loop carries on unharmed. The fix: await (call) the inner coroutine. */
#include "demo.h"

static int inner(void *arg, void **result) {
  (void)arg;
  int rc = wasio_sleep(0.5);
  *result = "inner result";
  return rc;
}

static int outer(void *arg, void **result) {
  (void)arg;
  (void)result;
  demo_log("outer: calling run(inner) from inside the loop");
  void *r = NULL;
  int rc = wasio_run(inner, NULL, NULL, NULL);
  demo_log("outer: %s: %s", wasio_err_name(rc), wasio_error_message());
  demo_log("outer: the loop is unharmed; awaiting inner directly instead");
  rc = inner(NULL, &r);
  if (rc != 0) return rc;
  demo_log("outer: got \"%s\"", (const char *)r);
  return 0;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_nested = {
    .name = "nested",
    .summary = "run() inside a running loop: the error, exactly",
    .seed = "000, 003",
    .modes = modes,
    .main = outer,
};
