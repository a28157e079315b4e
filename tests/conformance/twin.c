/* The C twins' helpers and their runner: `conformance [NAME...]` prints the
 * trace of every twin (or of those named) under "== NAME", in name order,
 * as twin.py does for the Python side. */
#include "twin.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TWIN(name) int twin_##name(void);
#include "twins.h"
#undef TWIN

static const struct {
  const char *name;
  int (*fn)(void);
} twins[] = {
#define TWIN(name) {#name, twin_##name},
#include "twins.h"
#undef TWIN
};

void twin_log(const char *fmt, ...) {
  double t = wasio_now();
  if (t < 0)
    printf("- ");
  else
    printf("%.3f ", t);
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  fflush(stdout);
}

static char *next_buffer(void) {
  static char buffers[8][512];
  static unsigned turn;
  return buffers[turn++ % 8];
}

/* A group's message is "N tasks failed: T: NAME: msg; T: NAME: msg". */
static void group_names(char *out, size_t len, const char *message) {
  size_t n = (size_t)snprintf(out, len, "EGROUP");
  const char *p = strchr(message, ':');
  while (p != NULL && n < len) {
    const char *name = strstr(p, ": E");
    if (name == NULL) break;
    name += 2;
    const char *end = strchr(name, ':');
    if (end == NULL) break;
    int code_len = (int)(end - name);
    const char *msg = end + 2, *msg_end = strstr(msg, "; ");
    if (msg_end == NULL) msg_end = msg + strlen(msg);
    if (code_len == 5 && strncmp(name, "EUSER", 5) == 0) {
      n += (size_t)snprintf(out + n, len - n, " EUSER_");
      for (const char *c = msg; c < msg_end && n + 1 < len; c++)
        out[n++] = *c == ' ' ? '_' : *c;
      out[n] = '\0';
    } else {
      n += (size_t)snprintf(out + n, len - n, " %.*s", code_len, name);
    }
    p = *msg_end ? msg_end + 1 : NULL;
  }
}

const char *err(int rc) {
  char *b = next_buffer();
  if (rc >= 0)
    snprintf(b, 512, "ok");
  else if (rc <= WASIO_EUSER)
    snprintf(b, 512, "EUSER %s", wasio_error_message());
  else if (rc == WASIO_EGROUP)
    group_names(b, 512, wasio_error_message());
  else
    snprintf(b, 512, "%s", wasio_err_name(rc));
  return b;
}

const char *result_of(int rc, void *result) {
  if (rc != 0 || result == NULL) return err(rc);
  char *b = next_buffer();
  snprintf(b, 512, "ok %d", I(result));
  return b;
}

const char *outcome(wasio_task t) {
  wasio_outcome o;
  int state = wasio_task_state(t);
  if (state < 0) return err(state);
  if (state != WASIO_TASK_DONE) return "pending";
  int rc = wasio_task_outcome(t, &o);
  if (rc == WASIO_ECANCELLED) return "cancelled";
  char *b = next_buffer();
  if (rc == 0) {
    if (o.result == NULL) return "ok";
    snprintf(b, 512, "ok %d", I(o.result));
  } else if (rc <= WASIO_EUSER) {
    snprintf(b, 512, "error EUSER %s", o.message);
  } else if (rc == WASIO_EGROUP) {
    char names[400];
    group_names(names, sizeof names, o.message);
    snprintf(b, 512, "error %s", names);
  } else {
    snprintf(b, 512, "error %s", wasio_err_name(rc));
  }
  return b;
}

int boom(const char *msg) { return wasio_fail(WASIO_EUSER, "%s", msg); }

static void report(wasio_loop *loop, const wasio_exception_context *c,
                   void *arg) {
  (void)loop;
  (void)arg;
  if (c->code <= WASIO_EUSER)
    twin_log("handler %s EUSER %s", c->task ? c->task : "-",
             c->error ? c->error : "");
  else
    twin_log("handler %s %s", c->task ? c->task : "-",
             c->code == 0 ? "-" : wasio_err_name(c->code));
}

typedef struct wrapped {
  wasio_fn main;
} wrapped;

static int with_handler(void *arg, void **result) {
  wasio_loop *loop;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, report, NULL);
  return ((wrapped *)arg)->main(NULL, result);
}

static int run(wasio_fn main, int handler) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  wasio_outcome out;
  wrapped w = {main};
  int rc = handler ? wasio_run(with_handler, &w, &opts, &out)
                   : wasio_run(main, NULL, &opts, &out);
  if (rc == 0 && out.result != NULL)
    printf("main -> ok %d\n", I(out.result));
  else if (rc == 0)
    printf("main -> ok\n");
  else if (rc == WASIO_ECANCELLED)
    printf("main -> error ECANCELLED\n");
  else if (rc <= WASIO_EUSER)
    printf("main -> error EUSER %s\n", out.message);
  else if (rc == WASIO_EGROUP) {
    char names[400];
    group_names(names, sizeof names, out.message);
    printf("main -> error %s\n", names);
  } else
    printf("main -> error %s\n", wasio_err_name(rc));
  fflush(stdout);
  return 0;
}

int twin_run(wasio_fn main) { return run(main, 1); }
int twin_run_plain(wasio_fn main) { return run(main, 0); }

int main(int argc, char **argv) {
  size_t n = sizeof twins / sizeof twins[0];
  for (size_t i = 0; i < n; i++) {
    int wanted = argc < 2;
    for (int a = 1; a < argc; a++)
      if (strcmp(argv[a], twins[i].name) == 0) wanted = 1;
    if (!wanted) continue;
    printf("== %s\n", twins[i].name);
    fflush(stdout);
    twins[i].fn();
    fflush(stdout);
  }
  return 0;
}
