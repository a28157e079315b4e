/* Task events for wasio_run_opts.trace: what the CLI's --chart and --trace,
 * the JS API's onEvent and the playground draw. Nothing is formatted or
 * called unless a trace function is set. */
#include "internal.h"

#include <stdio.h>

const char *wasio_trace_kind_name(wasio_trace_kind kind) {
  static const char *const names[] = {"created", "started",   "waiting",
                                      "resumed", "done",      "error",
                                      "cancelled", "timer",   "renamed"};
  return WASIO__NAME(names, kind, "unknown");
}

/* The call sites wasio.h's macros note (two or three stores a call):
 * read, and forgotten, only by the events that name them, so that a call
 * that noted nothing (through a pointer) is not given an earlier one's. */
WASIO__TLS const char *wasio__site_file;
WASIO__TLS int wasio__site_line;
WASIO__TLS const char *wasio__site_fn;

void wasio__trace(wasio__task *t, wasio_trace_kind kind, const char *detail,
                  int status) {
  wasio_loop *loop = t->loop;
  if (!WASIO__TRACING(loop)) return;
  wasio_trace_event ev;
  ev.kind = kind;
  ev.time = (double)wasio__loop_time(loop) / 1e9;
  ev.task_id = t->id;
  ev.task = wasio__task_name(t);
  ev.detail = detail ? detail : "";
  ev.status = status;
  ev.file = NULL;
  ev.line = 0;
  ev.fn = NULL;
  if (kind == WASIO_TRACE_WAITING) {
    ev.file = wasio__site_file;
    ev.line = ev.file ? wasio__site_line : 0;
    wasio__site_file = NULL;
  } else if (kind == WASIO_TRACE_CREATED) {
    ev.file = t->file; /* wasio_create_task's macro gave it */
    ev.line = ev.file ? t->line : 0;
    ev.fn = wasio__site_fn;
    wasio__site_fn = NULL;
  }
  loop->in_hook++; /* a hook runs in the middle of a switch: no await */
  loop->opts.trace(&ev, loop->opts.trace_arg);
  loop->in_hook--;
}

void wasio__waiting_on_(wasio__task *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t->loop->what, sizeof t->loop->what, fmt, ap);
  va_end(ap);
}
