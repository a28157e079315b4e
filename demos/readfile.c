/* readfile (hosts issue; web build only): a C task awaits a JavaScript
 * promise that reads a file (fs.promises.readFile in Node, fetch() in a
 * browser) while a ticker keeps ticking; a rejected promise reaches the
 * task as WASIO_EJS with the rejection's message. */
#if defined(__EMSCRIPTEN__)
#include "demo.h"

#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Starts reading `path` (relative to the wasio package) in JS: a promise
 * id for wasio_js_await. */
EM_JS(int, js_read_text, (const char *path), {
  return Module.wasioTrack(Module.wasioReadText(UTF8ToString(path)));
});

/* A promise rejected with nothing at all: bad input from JS. */
EM_JS(int, js_reject_bare, (void), {
  return Module.wasioTrack(Promise.reject());
});

static int ticker(void *arg, void **result) {
  (void)arg;
  (void)result;
  for (int i = 1;; i++) {
    int rc = wasio_sleep(0.005);
    if (rc != 0) return rc;
    if (i % 20 == 0) demo_log("tick (the loop keeps running meanwhile)");
  }
}

static int readfile_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  const char *path = strcmp(args->mode, "missing") == 0 ? "no-such-file.txt"
                                                        : "package.json";
  wasio_task tick;
  wasio_create_task(&tick, ticker, NULL);
  int bare = strcmp(args->mode, "bare-rejection") == 0;
  demo_log("reading %s through a JavaScript promise", bare ? "nothing" : path);
  char *text = NULL;
  int rc = wasio_js_await(bare ? js_reject_bare() : js_read_text(path), &text);
  /* keep the message: the awaits of the cleanup below set their own */
  char message[256];
  snprintf(message, sizeof message, "%s", wasio_error_message());
  wasio_cancel(tick);
  wasio_await(tick, NULL);
  wasio_task_release(tick);
  if (rc != 0) {
    demo_log("the promise was rejected: %s: %s", wasio_err_name(rc), message);
    return wasio_fail(rc, "%s", message);
  }
  const char *name = strstr(text, "\"name\"");
  demo_log("read %zu bytes; %.*s", strlen(text),
           name ? (int)strcspn(name, ",\n") : 0, name ? name : "");
  free(text);
  return 0;
}

static const char *const modes[] = {"package", "missing", "bare-rejection",
                                    NULL};

const wasio_demo demo_readfile = {
    .name = "readfile",
    .summary = "a C task awaits a JavaScript promise (web build)",
    .seed = "wasio: hosts",
    .modes = modes,
    .main = readfile_main,
    .not_in = DEMO_NATIVE | DEMO_WASI, /* a JavaScript promise */
};
#endif
