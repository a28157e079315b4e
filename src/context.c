/* Task-local variables (contextvars). A context is a small map from
 * variable to value. A task gets its own copy of its creator's context, so
 * what it sets never leaks back; a Runner's mains share the runner's one
 * context, so what one main sets the next one sees. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct binding {
  wasio_contextvar *var;
  void *value;
} binding;

struct wasio_context {
  int refs;
  size_t n, cap;
  binding *b;
};

WASIO__TLS wasio_context **wasio__context_home;
/* Shared by every thread: nothing writes to it. */
static wasio_context empty = {1, 0, 0, NULL};
static WASIO__TLS wasio_context *thread_context;

wasio_context *wasio_context_new(void) {
  wasio_context *c = calloc(1, sizeof *c);
  if (c != NULL) c->refs = 1;
  return c;
}

wasio_context *wasio__thread_context(void) {
  if (thread_context == NULL) thread_context = wasio_context_new();
  return thread_context;
}

void wasio__context_thread_free(void) {
  wasio_context_release(thread_context);
  thread_context = NULL;
}

wasio_context *wasio__context_now(void) {
  wasio_context *c = wasio__context_home ? *wasio__context_home : NULL;
  return c ? c : wasio__thread_context();
}

wasio_context *wasio__context_ref(wasio_context *ctx) {
  if (ctx != NULL && ctx != &empty) ctx->refs++;
  return ctx;
}

void wasio_context_release(wasio_context *ctx) {
  if (ctx == NULL || ctx == &empty || --ctx->refs > 0) return;
  free(ctx->b);
  free(ctx);
}

wasio_context *wasio__context_copy(wasio_context *from) {
  if (from == NULL || from->n == 0) return &empty;
  wasio_context *c = wasio_context_new();
  if (c == NULL) return NULL;
  c->b = malloc(from->n * sizeof *c->b);
  if (c->b == NULL) {
    free(c);
    return NULL;
  }
  memcpy(c->b, from->b, from->n * sizeof *c->b);
  c->n = c->cap = from->n;
  return c;
}

wasio_context *wasio_context_copy(void) {
  wasio_context *c = wasio__context_copy(wasio__context_now());
  return c == &empty ? wasio_context_new() : c; /* the caller's own */
}

static binding *find(wasio_context *c, const wasio_contextvar *var) {
  for (size_t i = 0; c != NULL && i < c->n; i++)
    if (c->b[i].var == var) return &c->b[i];
  return NULL;
}

void *wasio_contextvar_get(wasio_contextvar *var) {
  if (var == NULL) return NULL;
  binding *b = find(wasio__context_now(), var);
  return b ? b->value : var->default_value;
}

int wasio_contextvar_set(wasio_contextvar *var, void *value,
                         wasio_token *token) {
  if (var == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_contextvar_set: var is NULL");
  wasio_context *c = wasio__context_now();
  if (c == &empty) { /* the first variable set here: a context of its own */
    c = wasio_context_new();
    if (c != NULL) *wasio__context_home = c;
  }
  if (c == NULL)
    return wasio__set_error(WASIO_ENOMEM, "wasio_contextvar_set: out of "
                            "memory");
  binding *b = find(c, var);
  if (token != NULL) {
    token->_var = var;
    token->_context = c;
    token->_had_value = b != NULL;
    token->_old = b ? b->value : NULL;
  }
  if (b == NULL) {
    if (c->n == c->cap) {
      size_t cap = c->cap ? c->cap * 2 : 4;
      binding *nb = realloc(c->b, cap * sizeof *nb);
      if (nb == NULL)
        return wasio__set_error(WASIO_ENOMEM, "wasio_contextvar_set: out of "
                                "memory");
      c->b = nb;
      c->cap = cap;
    }
    b = &c->b[c->n++];
    b->var = var;
  }
  b->value = value;
  return 0;
}

int wasio_contextvar_reset(wasio_contextvar *var, wasio_token *token) {
  const char *what = "wasio_contextvar_reset";
  if (var == NULL || token == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: %s is NULL", what,
                            var ? "token" : "var");
  if (token->_var == NULL && token->_context == NULL)
    return wasio__set_error(WASIO_ESTATE, "%s: the token was already used",
                            what);
  if (token->_var != var)
    return wasio__set_error(WASIO_EINVAL, "%s: the token was created by "
                            "another variable", what);
  wasio_context *c = wasio__context_now();
  if (token->_context != c)
    return wasio__set_error(WASIO_EINVAL, "%s: the token was created in a "
                            "different context", what);
  binding *b = find(c, var);
  if (token->_had_value) {
    if (b != NULL) b->value = token->_old;
  } else if (b != NULL) {
    *b = c->b[--c->n];
  }
  token->_var = NULL;
  token->_context = NULL;
  return 0;
}
