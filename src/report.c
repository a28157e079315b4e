/* The exception handler: where what nobody else can be told goes (errors
 * never retrieved, tasks dropped, resources never closed), as asyncio's
 * loop.call_exception_handler. The default one writes one line to the
 * loop's log, or stderr. */
#include "internal.h"

#include <stdio.h>

int wasio_loop_set_exception_handler(wasio_loop *loop,
                                     wasio_exception_handler handler,
                                     void *arg) {
  if (loop == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_set_exception_handler: "
                            "loop is NULL");
  loop->handler = handler;
  loop->handler_arg = arg;
  return 0;
}

void wasio_loop_default_exception_handler(wasio_loop *loop,
                                          const wasio_exception_context *c) {
  char line[768];
  int n = snprintf(line, sizeof line, "wasio: %s", c->message);
  if (c->task && n < (int)sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, ": task %s", c->task);
  if (c->created_at && n < (int)sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, " (created at %s)",
                  c->created_at);
  if (c->code != 0 && n < (int)sizeof line)
    snprintf(line + n, sizeof line - (size_t)n, ": %s: %s",
             wasio_err_name(c->code),
             c->error ? c->error : wasio_strerror(c->code));
  if (loop != NULL && loop->opts.log != NULL)
    loop->opts.log(line, loop->opts.log_arg);
  else
    fprintf(stderr, "%s\n", line);
}

void wasio__report_at(wasio_loop *loop, const char *message, int code,
                      const char *error, const char *task,
                      const char *created_at) {
  wasio_exception_context c = {message, code, error, task, created_at};
  if (loop->handler != NULL)
    loop->handler(loop, &c, loop->handler_arg);
  else
    wasio_loop_default_exception_handler(loop, &c);
}

void wasio__report(wasio_loop *loop, const char *message, int code,
                   const char *error, const wasio__task *t) {
  char where[300];
  if (t == NULL) {
    wasio__report_at(loop, message, code, error, NULL, NULL);
    return;
  }
  if (t->file != NULL) snprintf(where, sizeof where, "%s:%d", t->file, t->line);
  wasio__report_at(loop, message, code, error, wasio__task_name(t),
                   t->file != NULL ? where : NULL);
}
