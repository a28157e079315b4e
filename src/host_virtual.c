/* The virtual clock (Trio's autojump clock): time stands still while tasks
 * run and jumps straight to the next deadline when the loop would wait, so
 * a 3-second timeline runs in microseconds with exact times. Available on
 * every target. Descriptors are real, though: when some are watched, the
 * platform host polls them first, and the clock jumps only if none is
 * ready; with no timer left, it waits for them for real. */
#include "internal.h"

static uint64_t virtual_now(wasio_loop *loop) { return loop->vnow; }

static int virtual_wait(wasio_loop *loop, uint64_t timeout) {
  const wasio__host_ops *real = &WASIO__HOST_REAL;
  if (!wasio__list_empty(&loop->fd_waiters) && real->wait != NULL) {
    size_t before = loop->ready_len;
    int rc = real->wait(loop, timeout == WASIO__FOREVER ? WASIO__FOREVER : 0);
    if (rc != 0 || loop->ready_len != before || loop->interrupted ||
        timeout == WASIO__FOREVER)
      return rc;
  }
  if (timeout == WASIO__FOREVER) return WASIO_EDEADLK;
  loop->vnow += timeout;
  return 0;
}

static int virtual_check_fd(int fd) {
  const wasio__host_ops *real = &WASIO__HOST_REAL;
  return real->check_fd ? real->check_fd(fd) : WASIO_ENOTSUP;
}

const wasio__host_ops wasio__host_virtual = {"virtual", virtual_now,
                                             virtual_wait, virtual_check_fd};
