/* The POSIX host (native builds): CLOCK_MONOTONIC, and one ppoll() for the
 * next timer and every watched descriptor (nanosecond timeouts; poll()
 * would round every wait to milliseconds). SIGINT arrives through a
 * self-pipe that is polled with the rest, so a Ctrl-C can never slip in
 * between a check and the wait. */
#if !defined(__wasm__)
#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t posix_now(wasio_loop *loop) {
  struct timespec ts;
  (void)loop;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * WASIO__NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* ------------------------------------------------------------------ SIGINT */

static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t sig_count;
static struct sigaction sig_saved;
static wasio_loop *sig_loop;

static void on_sigint(int signo) {
  int saved_errno = errno;
  if (sig_count++ > 0) {
    /* The second Ctrl-C: no more waiting for cleanup. */
    signal(signo, SIG_DFL);
    raise(signo);
  }
  ssize_t n = write(sig_pipe[1], "i", 1);
  (void)n;
  errno = saved_errno;
}

/* SIGINT belongs to the process: one loop at a time has it (the first to
 * ask), the others run without Ctrl-C handling. */
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;

static int sigint_install(wasio_loop *loop);
int wasio__sigint_install(wasio_loop *loop) {
  pthread_mutex_lock(&sig_lock);
  int rc = sig_loop == NULL ? sigint_install(loop) : -1;
  pthread_mutex_unlock(&sig_lock);
  return rc;
}

static int sigint_install(wasio_loop *loop) {
  struct sigaction current;
  if (sigaction(SIGINT, NULL, &current) != 0) return -1;
  if (current.sa_handler != SIG_DFL) return -1; /* someone else's: leave it */
  if (sig_pipe[0] < 0) {
    if (pipe(sig_pipe) != 0) return -1;
    for (int i = 0; i < 2; i++) {
      /* never on 0, 1 or 2: with stdin closed, the pipe would become the
       * program's "standard input" (seen: the stdin demo waited on it) */
      if (sig_pipe[i] < 3) {
        int moved = fcntl(sig_pipe[i], F_DUPFD_CLOEXEC, 3);
        close(sig_pipe[i]);
        sig_pipe[i] = moved;
      }
      fcntl(sig_pipe[i], F_SETFL, O_NONBLOCK);
      fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    if (sig_pipe[0] < 0 || sig_pipe[1] < 0) {
      if (sig_pipe[0] >= 0) close(sig_pipe[0]);
      if (sig_pipe[1] >= 0) close(sig_pipe[1]);
      sig_pipe[0] = sig_pipe[1] = -1;
      return -1;
    }
  }
  struct sigaction sa;
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sig_count = 0;
  sig_loop = loop;
  return sigaction(SIGINT, &sa, &sig_saved);
}

void wasio__sigint_uninstall(wasio_loop *loop) {
  pthread_mutex_lock(&sig_lock);
  int missed = 0;
  if (sig_loop == loop) {
    sigaction(SIGINT, &sig_saved, NULL);
    sig_loop = NULL;
    char buf[16];
    ssize_t got;
    while ((got = read(sig_pipe[0], buf, sizeof buf)) > 0) missed += (int)got;
  }
  pthread_mutex_unlock(&sig_lock);
  /* A Ctrl-C that came after the loop's last look (its main had just
   * finished) is not dropped: it goes to the handler wasio found. */
  if (missed > 0) raise(SIGINT);
}

/* ------------------------------------------------------------------- wait */

/* Per thread: each thread's loop polls its own descriptors (shared arrays
 * once gave a loop another thread's "readable", and crashed). */
static WASIO__TLS struct pollfd *fds;
static WASIO__TLS wasio__fdwait **owners;
static WASIO__TLS size_t fds_cap;

void wasio__host_thread_free(void) {
  free(fds);
  free(owners);
  fds = NULL;
  owners = NULL;
  fds_cap = 0;
}

static int posix_wait(wasio_loop *loop, uint64_t timeout) {
  size_t n = 0;
  for (wasio__list *p = loop->fd_waiters.next; p != &loop->fd_waiters;
       p = p->next)
    n++;
  int with_sig = sig_loop == loop;
  if (n + 1 > fds_cap) {
    size_t cap = (n + 1) * 2;
    struct pollfd *f = realloc(fds, cap * sizeof *f);
    if (f != NULL) fds = f;
    wasio__fdwait **o = realloc(owners, cap * sizeof *o);
    if (o != NULL) owners = o;
    if (f == NULL || o == NULL)
      return wasio__set_error(WASIO_ENOMEM, "ppoll: no memory for %zu "
                              "descriptors", n + 1);
    fds_cap = cap;
  }
  size_t i = 0;
  for (wasio__list *p = loop->fd_waiters.next; p != &loop->fd_waiters;
       p = p->next, i++) {
    wasio__fdwait *w = WASIO__CONTAINER(p, wasio__fdwait, node);
    fds[i].fd = w->fd;
    fds[i].events = (short)((w->events & WASIO__FD_READ ? POLLIN : 0) |
                            (w->events & WASIO__FD_WRITE ? POLLOUT : 0));
    fds[i].revents = 0;
    owners[i] = w;
  }
  if (with_sig) {
    fds[n].fd = sig_pipe[0];
    fds[n].events = POLLIN;
    fds[n].revents = 0;
  }
  size_t total = n + (with_sig ? 1 : 0);
  if (total == 0 && timeout == WASIO__FOREVER) return WASIO_EDEADLK;
  struct timespec ts = {(time_t)(timeout / WASIO__NS_PER_S),
                        (long)(timeout % WASIO__NS_PER_S)};
  int rc = ppoll(total ? fds : NULL, total,
                 timeout == WASIO__FOREVER ? NULL : &ts, NULL);
  if (rc < 0 && errno != EINTR)
    return wasio__set_error(WASIO_EIO, "ppoll: %s", strerror(errno));
  if (with_sig && fds[n].revents) {
    char buf[16];
    ssize_t got;
    while ((got = read(sig_pipe[0], buf, sizeof buf)) > 0)
      loop->interrupted += (int)got;
  }
  for (i = 0; i < n; i++) {
    if (fds[i].revents == 0) continue;
    wasio__fd_ready(loop, owners[i],
                    fds[i].revents & POLLNVAL ? WASIO_EBADF : 0);
  }
  return 0;
}

static int posix_check_fd(int fd) {
  return fcntl(fd, F_GETFD) == -1 ? WASIO_EBADF : 0;
}

/* A SIGINT came in for this loop (the handler counts it before it writes
 * to the self-pipe, which wait reads). */
static int posix_interrupt_pending(wasio_loop *loop) {
  return sig_loop == loop && sig_count > 0;
}

const wasio__host_ops wasio__host_posix = {
    .name = "posix",
    .now = posix_now,
    .wait = posix_wait,
    .check_fd = posix_check_fd,
    .interrupt_pending = posix_interrupt_pending};
#endif /* !__wasm__ */
