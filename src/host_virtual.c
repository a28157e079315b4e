/* The virtual clock (Trio's autojump clock): time stands still while tasks
 * run and jumps straight to the next deadline when the loop would wait, so
 * a 3-second timeline runs in microseconds with exact times. Available on
 * every target. Descriptors are real, though: when some are watched, the
 * platform host polls them first, and the clock jumps only if none is
 * ready; with no timer left, it waits for them for real. */
#include "internal.h"

#include <stdlib.h>

/* The clock, in ns since the loop's creation. */
typedef struct virtual_clock {
  uint64_t now;
} virtual_clock;

static int virtual_open(wasio_loop *loop) {
  loop->host_state = calloc(1, sizeof(virtual_clock));
  return loop->host_state ? 0 : WASIO_ENOMEM;
}

static void virtual_close(wasio_loop *loop) {
  free(loop->host_state);
  loop->host_state = NULL;
}

static uint64_t virtual_now(wasio_loop *loop) {
  return ((virtual_clock *)loop->host_state)->now;
}

static void virtual_advance(wasio_loop *loop, uint64_t ns) {
  virtual_clock *clock = loop->host_state;
  clock->now = ns > WASIO__CLOCK_END - clock->now ? WASIO__CLOCK_END
                                                 : clock->now + ns;
}

static int virtual_wait(wasio_loop *loop, uint64_t timeout) {
  const wasio__host_ops *real = &WASIO__HOST_REAL;
  int watched = !wasio__list_empty(&loop->fd_waiters);
  /* A Ctrl-C comes through the platform host's wait: with no descriptor
   * watched, it is asked only when one may be waiting to be read. */
  if (!real->driven && (watched || (real->interrupt_pending != NULL &&
                                    real->interrupt_pending(loop)))) {
    size_t before = loop->ready_len;
    int rc = real->wait(loop, timeout == WASIO__FOREVER && watched
                                  ? WASIO__FOREVER
                                  : 0);
    if (rc != 0 || loop->ready_len != before || loop->interrupted ||
        (timeout == WASIO__FOREVER && watched))
      return rc;
  }
  if (timeout == WASIO__FOREVER) return WASIO_EDEADLK;
  virtual_advance(loop, timeout);
  return 0;
}

static int virtual_check_fd(int fd) {
  const wasio__host_ops *real = &WASIO__HOST_REAL;
  return real->check_fd ? real->check_fd(fd) : WASIO_ENOTSUP;
}

const wasio__host_ops wasio__host_virtual = {
    .name = "virtual",
    .open = virtual_open,
    .close = virtual_close,
    .now = virtual_now,
    .wait = virtual_wait,
    .advance = virtual_advance,
    .check_fd = virtual_check_fd,
};
