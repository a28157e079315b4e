/* Entry points: the tasks a host starts by name (web/app.c), registered by
 * WASIO_ENTRY's constructors before main. A list in registration order;
 * programs have a handful, so lookups walk it. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define ENTRY_NAME_MAX 63

static wasio_entry *first, *last;

const wasio_entry *wasio_entry_find(const char *name) {
  if (name == NULL) return NULL;
  for (const wasio_entry *e = first; e != NULL; e = e->next)
    if (strcmp(e->name, name) == 0) return e;
  return NULL;
}

const wasio_entry *wasio_entry_next(const wasio_entry *e) {
  return e == NULL ? first : e->next;
}

int wasio_entry_register(wasio_entry *e) {
  const char *what = "wasio_entry_register";
  if (e == NULL) return wasio__set_error(WASIO_EINVAL, "%s: entry is NULL", what);
  if (e->name == NULL || e->name[0] == '\0' ||
      strlen(e->name) > ENTRY_NAME_MAX)
    return wasio__set_error(WASIO_EINVAL, "%s: the name must be 1 to %d "
                            "bytes", what, ENTRY_NAME_MAX);
  if (e->main == NULL && e->plain == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: entry %s has neither main "
                            "nor plain", what, e->name);
  if (e->plain_mode != NULL) {
    size_t m = 0;
    while (e->modes != NULL && e->modes[m] != NULL &&
           strcmp(e->modes[m], e->plain_mode) != 0)
      m++;
    if (e->plain == NULL || e->modes == NULL || e->modes[m] == NULL)
      return wasio__set_error(WASIO_EINVAL, "%s: entry %s: plain_mode %s %s",
                              what, e->name, e->plain_mode,
                              e->plain == NULL ? "needs plain code"
                                               : "is not one of its modes");
  }
  for (const wasio_entry *o = first; o != NULL; o = o->next)
    if (o == e)
      return wasio__set_error(WASIO_ESTATE, "%s: entry %s is registered "
                              "already", what, e->name);
  if (wasio_entry_find(e->name) != NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: two entries are named %s",
                            what, e->name);
  e->next = NULL;
  if (last != NULL) last->next = e;
  else first = e;
  last = e;
  return 0;
}

/* The first WASIO_ENTRY that could not register: nobody sees a
 * constructor's return, so its message waits here. */
static char declared_wrong[200];

void wasio__entry_declare(wasio_entry *e) {
  if (wasio_entry_register(e) != 0 && declared_wrong[0] == '\0')
    snprintf(declared_wrong, sizeof declared_wrong, "%s",
             wasio_error_message());
}

const char *wasio_entry_error(void) {
  return declared_wrong[0] ? declared_wrong : NULL;
}

int wasio_entry_takes_param(const wasio_entry *e, const char *key,
                            size_t len) {
  /* "key=default, key=default": spaces around a name do not count; a
   * default may hold '=', never ',' */
  if (key == NULL) return 0;
  for (const char *p = e != NULL ? e->params : NULL; p != NULL && *p;) {
    while (*p == ' ' || *p == ',') p++;
    size_t n = strcspn(p, "=,");
    while (n > 0 && p[n - 1] == ' ') n--;
    if (n > 0 && n == len && strncmp(p, key, len) == 0) return 1;
    p += strcspn(p, ",");
  }
  return 0;
}

const char *wasio_entry_param(const wasio_entry_args *args, const char *key,
                              const char *fallback) {
  if (args == NULL || args->params == NULL || key == NULL) return fallback;
  const char *found = fallback;
  /* pairs "key\0value\0", ended by an empty key; the last one given wins */
  for (const char *p = args->params; *p;) {
    const char *value = p + strlen(p) + 1;
    if (strcmp(p, key) == 0) found = value;
    p = value + strlen(value) + 1;
  }
  return found;
}
