/* Waiting for file descriptors. The task parks a node on the loop's list;
 * the host's wait polls every listed descriptor together with the next
 * timer and hands back the ready ones. */
#include "internal.h"

static void fd_cancel(wasio__task *t) {
  wasio__list_remove(&((wasio__fdwait *)t->wait_data)->node);
}

void wasio__fd_ready(wasio_loop *loop, wasio__fdwait *w, int status) {
  (void)loop;
  wasio__list_remove(&w->node);
  wasio__wake(w->task, status);
}

static int wait_fd(int fd, int events, const char *what) {
  int err;
  wasio__task *t = wasio__need_task(what, &err);
  if (t == NULL) return err;
  if (fd < 0)
    return wasio__set_error(WASIO_EINVAL, "%s: invalid descriptor %d", what,
                            fd);
  const wasio__host_ops *host = t->loop->host;
  int rc = host->check_fd ? host->check_fd(fd) : WASIO_ENOTSUP;
  if (rc == WASIO_ENOTSUP)
    return wasio__set_error(WASIO_ENOTSUP, "%s: the %s host has no file "
                            "descriptors", what, WASIO__HOST_REAL.name);
  if (rc != 0)
    return wasio__set_error(WASIO_EBADF, "%s: %d is not an open descriptor",
                            what, fd);
  if ((rc = wasio__checkpoint(t)) != 0) return rc;
  wasio__fdwait w;
  w.fd = fd;
  w.events = events;
  w.task = t;
  wasio__list_push(&t->loop->fd_waiters, &w.node);
  t->on_cancel = fd_cancel;
  t->wait_data = &w;
  wasio__waiting_on(t, "%s fd %d", events == WASIO__FD_READ ? "readable"
                                                            : "writable", fd);
  rc = wasio__suspend();
  if (rc == WASIO_ECANCELLED) return wasio__cancelled_error(t);
  if (rc == WASIO_EBADF)
    return wasio__set_error(WASIO_EBADF, "%s: descriptor %d was closed while "
                            "waited on", what, fd);
  return rc;
}

int wasio_wait_readable(int fd) {
  return wait_fd(fd, WASIO__FD_READ, "wasio_wait_readable");
}

int wasio_wait_writable(int fd) {
  return wait_fd(fd, WASIO__FD_WRITE, "wasio_wait_writable");
}
