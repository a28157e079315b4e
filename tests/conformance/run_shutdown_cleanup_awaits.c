/* wasio_run's shutdown cancels a leftover task: can its cleanup still
 * await? (a sleep of 1 after the cancellation; asyncio: yes). */
#include "twin.h"

static int worker(void *arg, void **result) {
  int rc = wasio_sleep(10);
  if (rc == WASIO_ECANCELLED) {
    twin_log("A cancelled");
    twin_log("A cleanup sleep -> %s", err(wasio_sleep(1)));
  }
  return rc;
}

static int main_(void *arg, void **result) {
  wasio_create_task(NULL, worker, NULL);
  wasio_sleep(1);
  twin_log("main end");
  return 0;
}

int twin_run_shutdown_cleanup_awaits(void) { return twin_run(main_); }
