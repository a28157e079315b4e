/* asyncio.wait() on no tasks at all: EINVAL, as asyncio's ValueError. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_task none[1] = {{0, 0}};
  int rc = wasio_wait(none, 0, WASIO_ALL_COMPLETED, -1);
  twin_log("wait([]) -> %s", err(rc));
  rc = wasio_wait(none, 0, WASIO_ALL_COMPLETED, 1);
  twin_log("wait([], timeout=1) -> %s", err(rc));
  return 0;
}

int twin_wait_empty(void) { return twin_run(main_); }
