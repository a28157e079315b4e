/* interrupt (seed 002, "Keyboard interruption"): a long job with cleanup.
 * Press Ctrl-C: the first SIGINT cancels main, its cleanup runs, and the
 * process exits with 130; a second SIGINT during the cleanup exits at once.
 * WASI has no signals: there, Ctrl-C ends the runtime itself. */
#include "demo.h"

#include <string.h>

static int interrupt_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  demo_log("working for 60 s; press Ctrl-C");
  int rc = 0;
  for (int i = 1; i <= 60 && rc == 0; i++) {
    rc = wasio_sleep(1);
    if (rc == 0) demo_log("step %d", i);
  }
  if (rc == WASIO_ECANCELLED) {
    demo_log("cancelled: %s", wasio_error_message());
    /* cleanup that awaits: shielded, so that it can */
    wasio_scope shield;
    wasio_shield_enter(&shield);
    double seconds = strcmp(args->mode, "slow-cleanup") == 0 ? 30 : 0.2;
    demo_log("cleanup: closing files (%.1f s)", seconds);
    wasio_sleep(seconds);
    demo_log("cleanup done");
    wasio_scope_exit(&shield, 0);
  }
  return rc;
}

static const char *const modes[] = {"cleanup", "slow-cleanup", NULL};

const wasio_demo demo_interrupt = {
    .name = "interrupt",
    .summary = "Ctrl-C cancels main; its cleanup runs; exit code 130",
    .seed = "002",
    .modes = modes,
    .main = interrupt_main,
};
