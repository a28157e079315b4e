/* The WASI preview1 host: clock_time_get for the time, and one poll_oneoff
 * call that waits for the next timer and every watched descriptor together.
 * Only wasi_snapshot_preview1 imports, so the module runs unchanged on
 * Wasmtime, node:wasi and other runtimes.
 *
 * WASI has no signals. A runner that can deliver Ctrl-C names a descriptor
 * in the environment, WASIO_INTERRUPT_FD: it becomes readable, one byte a
 * Ctrl-C, and every wait watches it too (wasi/wasio.mjs does so; Wasmtime
 * has no such thing, and ends the program itself). */
#if defined(__wasm__) && !defined(__EMSCRIPTEN__)
#include "internal.h"

#include <stdlib.h>
#include <wasi/api.h>

static uint64_t wasi_now(wasio_loop *loop) {
  __wasi_timestamp_t t = 0;
  (void)loop;
  if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) return 0;
  return t;
}

/* The interrupt descriptor, or -1: read from the environment once (-2:
 * not yet). */
static int interrupt_fd = -2;
#define INTERRUPT_USERDATA UINT64_MAX

static int interrupt_descriptor(void) {
  if (interrupt_fd == -2) {
    const char *v = getenv("WASIO_INTERRUPT_FD");
    char *end;
    long fd = v ? strtol(v, &end, 10) : -1;
    interrupt_fd = v && *v && *end == '\0' && fd >= 0 && fd < 1 << 30
                       ? (int)fd
                       : -1;
  }
  return interrupt_fd;
}

/* A Ctrl-C: its byte is read, and the loop takes it as the native host
 * takes a SIGINT. */
static void interrupted(wasio_loop *loop) {
  char byte;
  __wasi_iovec_t iov = {(uint8_t *)&byte, 1};
  __wasi_size_t got = 0;
  if (__wasi_fd_read((__wasi_fd_t)interrupt_fd, &iov, 1, &got) == 0 && got == 1)
    loop->interrupted++;
}

static __wasi_subscription_t *subs;
static __wasi_event_t *events;
static wasio__fdwait **owners;
static size_t cap;

static int wasi_wait(wasio_loop *loop, uint64_t timeout) {
  size_t n = 0;
  for (wasio__list *p = loop->fd_waiters.next; p != &loop->fd_waiters;
       p = p->next)
    n++;
  if (n == 0 && timeout == WASIO__FOREVER) return WASIO_EDEADLK;
  int interrupts = interrupt_descriptor() >= 0;
  if (n + 1 + interrupts > cap) {
    size_t c = (n + 2) * 2; /* room for the timer and the interrupts */
    void *s = realloc(subs, c * sizeof *subs);
    if (s != NULL) subs = s;
    void *e = realloc(events, c * sizeof *events);
    if (e != NULL) events = e;
    void *o = realloc(owners, c * sizeof *owners);
    if (o != NULL) owners = o;
    if (s == NULL || e == NULL || o == NULL)
      return wasio__set_error(WASIO_ENOMEM, "poll_oneoff: no memory for %zu "
                              "subscriptions", n + 1);
    cap = c;
  }
  size_t k = 0;
  for (wasio__list *p = loop->fd_waiters.next; p != &loop->fd_waiters;
       p = p->next, k++) {
    wasio__fdwait *w = WASIO__CONTAINER(p, wasio__fdwait, node);
    __wasi_subscription_t *sub = &subs[k];
    sub->userdata = k + 1;
    sub->u.tag = w->events & WASIO__FD_READ ? __WASI_EVENTTYPE_FD_READ
                                            : __WASI_EVENTTYPE_FD_WRITE;
    sub->u.u.fd_read.file_descriptor = (__wasi_fd_t)w->fd;
    owners[k] = w;
  }
  if (timeout != WASIO__FOREVER) {
    __wasi_subscription_t *sub = &subs[k++];
    sub->userdata = 0;
    sub->u.tag = __WASI_EVENTTYPE_CLOCK;
    sub->u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub->u.u.clock.timeout = timeout; /* relative: every runtime has it */
    sub->u.u.clock.precision = 1;
    sub->u.u.clock.flags = 0;
  }
  if (interrupts) {
    __wasi_subscription_t *sub = &subs[k++];
    sub->userdata = INTERRUPT_USERDATA;
    sub->u.tag = __WASI_EVENTTYPE_FD_READ;
    sub->u.u.fd_read.file_descriptor = (__wasi_fd_t)interrupt_fd;
  }
  __wasi_size_t got = 0;
  __wasi_errno_t err = __wasi_poll_oneoff(subs, events, k, &got);
  if (err == __WASI_ERRNO_BADF && interrupts) {
    /* a runtime that refuses the whole poll for a descriptor it does not
     * have (Wasmtime): no interrupt descriptor here after all */
    interrupt_fd = -1;
    err = __wasi_poll_oneoff(subs, events, k - 1, &got);
  }
  if (err != 0)
    return wasio__set_error(WASIO_EIO, "poll_oneoff: WASI error %u",
                            (unsigned)err);
  for (__wasi_size_t i = 0; i < got; i++) {
    if (events[i].userdata == 0) continue; /* the timer */
    if (events[i].userdata == INTERRUPT_USERDATA) {
      if (events[i].error == 0)
        interrupted(loop);
      else
        interrupt_fd = -1; /* not a descriptor here after all: forget it */
      continue;
    }
    wasio__fdwait *w = owners[events[i].userdata - 1];
    int status = events[i].error == __WASI_ERRNO_BADF ? WASIO_EBADF : 0;
    if (w->node.next != NULL) wasio__fd_ready(loop, w, status);
  }
  return 0;
}

static int wasi_check_fd(int fd) {
  __wasi_fdstat_t st;
  return __wasi_fd_fdstat_get((__wasi_fd_t)fd, &st) == 0 ? 0 : WASIO_EBADF;
}

/* Only a poll can tell: under a runner that serves the interrupt
 * descriptor, say that one may be there. */
static int wasi_interrupt_pending(wasio_loop *loop) {
  (void)loop;
  return interrupt_descriptor() >= 0;
}

const wasio__host_ops wasio__host_wasi = {
    .name = "wasi",
    .now = wasi_now,
    .wait = wasi_wait,
    .check_fd = wasi_check_fd,
    .interrupt_pending = wasi_interrupt_pending};
#endif /* WASI */
