/* stdin (hosts issue): one task echoes the lines it reads from standard
 * input, stamped with the loop's clock, while a ticker task keeps ticking:
 * waiting for input blocks nothing else. Ends at end of input.
 *   printf 'a\nb\n' | wasio demo stdin */
#include "demo.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int ticker(void *arg, void **result) {
  int *ticks = arg;
  (void)result;
  for (;;) {
    int rc = wasio_sleep(1);
    if (rc != 0) return rc; /* cancelled at end of input */
    demo_log("tick %d", ++*ticks);
  }
}

static int stdin_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  int ticks = 0;
  wasio_task tick;
  int rc = wasio_create_task(&tick, ticker, &ticks);
  if (rc != 0) return rc;
  char line[256];
  size_t len = 0;
  demo_log("reading standard input; a ticker ticks every second");
  for (;;) {
    rc = wasio_wait_readable(0);
    if (rc == WASIO_EBADF) { /* no standard input at all: nothing to read */
      rc = 0;
      break;
    }
    if (rc != 0) break;
    ssize_t got = read(0, line + len, sizeof line - 1 - len);
    if (got <= 0) break; /* end of input (or an error: same ending) */
    len += (size_t)got;
    /* echo every complete line */
    char *nl;
    while ((nl = memchr(line, '\n', len)) != NULL) {
      *nl = '\0';
      demo_log("echo: %s", line);
      len -= (size_t)(nl + 1 - line);
      memmove(line, nl + 1, len);
    }
    if (len == sizeof line - 1) { /* a very long line: echo what we have */
      line[len] = '\0';
      demo_log("echo: %s", line);
      len = 0;
    }
  }
  if (len > 0) {
    line[len] = '\0';
    demo_log("echo: %s", line);
  }
  /* keep the message: the awaits of the cleanup below set their own */
  char message[256];
  snprintf(message, sizeof message, "%s", wasio_error_message());
  wasio_cancel(tick);
  wasio_await(tick, NULL);
  wasio_task_release(tick);
  if (rc != 0) return wasio_fail(rc, "%s", message);
  demo_log("end of input after %d tick%s", ticks, ticks == 1 ? "" : "s");
  return 0;
}

static const char *const modes[] = {"echo", NULL};

const wasio_demo demo_stdin = {
    .name = "stdin",
    .summary = "echo standard input while a ticker keeps ticking",
    .seed = "wasio: hosts",
    .modes = modes,
    .main = stdin_main,
    .not_in = DEMO_WEB, /* the web build has no file descriptors */
};
