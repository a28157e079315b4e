/* Resources: what a program asks the loop to close at shutdown if it has
 * not closed it itself (step 5 of a run, the shutdown hooks), newest
 * first; in debug mode each one so closed is reported with where it was
 * registered. */
#include "internal.h"

#include <stdio.h>

int wasio_resource_register_at(wasio_resource *res, const char *name,
                               wasio_cb close, void *arg, const char *file,
                               int line) {
  const char *what = "wasio_resource_register";
  if (res == NULL || close == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: %s is NULL", what,
                            res ? "close" : "res");
  if (wasio__running == NULL)
    return wasio__set_error(WASIO_ENOLOOP, "%s: no running event loop", what);
  int rc = wasio__loop_accepts(wasio__running, what);
  if (rc != 0) return rc;
  for (wasio__list *p = wasio__running->resources.next;
       p != &wasio__running->resources; p = p->next)
    if (p == &res->_node)
      return wasio__set_error(WASIO_EINVAL, "%s: %s is already registered",
                              what, res->_name);
  res->_name = name ? name : "resource";
  res->_close = close;
  res->_arg = arg;
  res->_loop = wasio__running;
  res->_file = file;
  res->_line = line;
  res->_magic = WASIO__MAGIC_RES;
  wasio__list_push(&wasio__running->resources, &res->_node);
  return 0;
}

int wasio_resource_close(wasio_resource *res) {
  if (res == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_resource_close: res is NULL");
  if (res->_magic == WASIO__MAGIC_DEAD)
    return wasio__set_error(WASIO_ESTATE, "wasio_resource_close: %s is "
                            "already closed", res->_name);
  if (res->_magic != WASIO__MAGIC_RES)
    return wasio__set_error(WASIO_EINVAL, "wasio_resource_close: not a "
                            "registered resource");
  wasio__list_remove(&res->_node);
  res->_magic = WASIO__MAGIC_DEAD;
  res->_close(res->_arg);
  return 0;
}

void wasio__close_resources(wasio_loop *loop) {
  size_t n = 0;
  for (wasio__list *p = loop->resources.next; p != &loop->resources; p = p->next)
    n++;
  wasio__debug(loop, "[5] shutdown hooks: closing %zu resource%s left open",
               n, n == 1 ? "" : "s");
  while (!wasio__list_empty(&loop->resources)) {
    wasio_resource *res = WASIO__CONTAINER(loop->resources.prev,
                                           wasio_resource, _node);
    if (loop->opts.debug) {
      char where[300], msg[400];
      snprintf(where, sizeof where, "%s:%d", res->_file, res->_line);
      snprintf(msg, sizeof msg, "resource %s was never closed; closed at "
               "shutdown", res->_name);
      wasio__report_at(loop, msg, 0, NULL, NULL, where);
    }
    if (wasio_resource_close(res) != 0) /* not a resource: never spin */
      wasio__list_remove(&res->_node);
  }
}
