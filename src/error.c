/* Error codes, their names and messages, and the per-task error message. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wasio_err_name(int code) {
  switch (code) {
#define XX(name, value, msg) case WASIO_##name: return #name;
    WASIO_ERRNO_MAP(XX)
#undef XX
  }
  return code <= WASIO_EUSER ? "EUSER" : "UNKNOWN";
}

const char *wasio_strerror(int code) {
  switch (code) {
#define XX(name, value, msg) case WASIO_##name: return msg;
    WASIO_ERRNO_MAP(XX)
#undef XX
  }
  if (code == 0) return "success";
  return code <= WASIO_EUSER ? "user-defined error" : "unknown error";
}

char *wasio__strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = malloc(n);
  if (copy != NULL) memcpy(copy, s, n);
  return copy;
}

/* Outside any task a failure's message goes to this thread's slot. */
static WASIO__TLS char *thread_message;
static WASIO__TLS int thread_code;

void wasio__error_thread_free(void) {
  free(thread_message);
  thread_message = NULL;
}

static char **message_slot(int **code) {
  wasio_loop *loop = wasio__running;
  if (loop != NULL && loop->current != NULL) {
    *code = &loop->current->err_code;
    return &loop->current->err_message;
  }
  *code = &thread_code;
  return &thread_message;
}

int wasio__set_error_msg(int code, const char *message) {
  int *slot_code;
  char **slot = message_slot(&slot_code);
  char *copy = message != NULL ? wasio__strdup(message) : NULL;
  free(*slot);
  *slot = copy; /* NULL when out of memory: the fixed message stands in */
  *slot_code = code;
  return code;
}

static int set_error_v(int code, const char *fmt, va_list ap) {
  char buf[512];
  vsnprintf(buf, sizeof buf, fmt, ap);
  return wasio__set_error_msg(code, buf);
}

int wasio__set_error(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set_error_v(code, fmt, ap);
  va_end(ap);
  return code;
}

int wasio_fail(int code, const char *fmt, ...) {
  if (code >= 0)
    return wasio__set_error(WASIO_EINVAL,
                            "wasio_fail: code must be negative (got %d)", code);
  if (fmt == NULL) return wasio__set_error_msg(code, wasio_strerror(code));
  va_list ap;
  va_start(ap, fmt);
  set_error_v(code, fmt, ap);
  va_end(ap);
  return code;
}

int wasio__error_code(void) {
  int *code;
  message_slot(&code);
  return *code;
}

const char *wasio_error_message(void) {
  int *code;
  char **slot = message_slot(&code);
  if (*slot != NULL) return *slot;
  return wasio_strerror(*code);
}

/* The user structs wasio initialises, by the magic number that marks them. */
static const char *noun(uint32_t magic) {
  switch (magic) {
  case WASIO__MAGIC_SCOPE: return "scope";
  case WASIO__MAGIC_EVENT: return "event";
  case WASIO__MAGIC_LOCK: return "lock";
  case WASIO__MAGIC_SEM: return "semaphore";
  case WASIO__MAGIC_COND: return "condition";
  case WASIO__MAGIC_QUEUE: return "queue";
  case WASIO__MAGIC_RUNNER: return "runner";
  case WASIO__MAGIC_RES: return "resource";
  default: return "object";
  }
}

int wasio__check_init(int present, uint32_t magic, uint32_t want,
                      const char *what) {
  if (!present)
    return wasio__set_error(WASIO_EINVAL, "%s: %s is NULL", what, noun(want));
  if (magic == WASIO__MAGIC_DEAD)
    return wasio__set_error(WASIO_ECLOSED, "%s: the %s was destroyed", what,
                            noun(want));
  if (magic != want)
    return wasio__set_error(WASIO_EINVAL, "%s: the %s is not initialised",
                            what, noun(want));
  return 0;
}
