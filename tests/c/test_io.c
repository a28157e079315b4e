/* Waiting for file descriptors (pipes: native only, WASI has no pipe()),
 * and their bad input. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#if !defined(__wasm__)
#include <sys/resource.h>
#include <unistd.h>

typedef struct pipe_test {
  int fds[2];
  char got[32];
  int rc;
  double at;
} pipe_test;

static int reader(void *arg, void **result) {
  pipe_test *p = arg;
  (void)result;
  p->rc = wasio_wait_readable(p->fds[0]);
  p->at = wasio_now();
  if (p->rc == 0) {
    ssize_t n = read(p->fds[0], p->got, sizeof p->got - 1);
    if (n >= 0) p->got[n] = '\0';
  }
  return p->rc;
}

static int writer(void *arg, void **result) {
  pipe_test *p = arg;
  (void)result;
  int rc = wasio_sleep(1);
  if (rc == 0) rc = wasio_wait_writable(p->fds[1]);
  if (rc == 0 && write(p->fds[1], "ping", 4) != 4) rc = WASIO_EIO;
  return rc;
}

static int pipe_main(void *arg, void **result) {
  pipe_test *p = arg;
  wasio_task r, w;
  (void)result;
  wasio_create_task(&r, reader, p);
  wasio_create_task(&w, writer, p);
  CHECK_RC(wasio_gather((wasio_task[]){r, w}, 2, NULL), 0);
  wasio_task_release(r);
  wasio_task_release(w);
  return 0;
}

TEST(readable_pipe_wakes_the_reader) {
  pipe_test p = {.rc = -99};
  CHECK_INT(pipe(p.fds), 0);
  CHECK_RC(run_virtual(pipe_main, &p, NULL), 0); /* fds and a virtual clock */
  CHECK_RC(p.rc, 0);
  CHECK_STR(p.got, "ping");
  CHECK_NEAR(p.at, 1, 0);
  close(p.fds[0]);
  close(p.fds[1]);
  p.rc = -99;
  CHECK_INT(pipe(p.fds), 0);
  CHECK_RC(wasio_run(pipe_main, &p, NULL, NULL), 0); /* the real clock */
  CHECK_STR(p.got, "ping");
  CHECK_NEAR(p.at, 1, 0.2);
  close(p.fds[0]);
  close(p.fds[1]);
}

static int closes_fd(void *arg, void **result) {
  pipe_test *p = arg;
  (void)result;
  wasio_sleep(0.5);
  close(p->fds[0]); /* while the reader waits on it */
  return 0;
}

static int bad_fd_main(void *arg, void **result) {
  pipe_test *p = arg;
  wasio_task r, c;
  (void)result;
  CHECK_RC(wasio_wait_readable(-1), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_wait_readable: invalid descriptor "
                                   "-1");
  CHECK_RC(wasio_wait_readable(987), WASIO_EBADF);
  CHECK_STR(wasio_error_message(), "wasio_wait_readable: 987 is not an open "
                                   "descriptor");
  CHECK_RC(wasio_wait_writable(987), WASIO_EBADF);
  wasio_create_task(&r, reader, p);
  wasio_create_task(&c, closes_fd, p);
  wasio_await(c, NULL);
  CHECK_RC(wasio_await(r, NULL), WASIO_EBADF); /* no hang */
  char want[96];
  snprintf(want, sizeof want, "wasio_wait_readable: descriptor %d was "
           "closed while waited on", p->fds[0]);
  CHECK_STR(wasio_error_message(), want);
  /* cancelled while waiting: no trace left */
  int fds[2];
  CHECK_INT(pipe(fds), 0);
  p->fds[0] = fds[0];
  wasio_task r2;
  wasio_create_task(&r2, reader, p);
  wasio_sleep(0.1);
  wasio_cancel(r2);
  CHECK_RC(wasio_await(r2, NULL), WASIO_ECANCELLED);
  close(fds[0]);
  close(fds[1]);
  wasio_task_release(r);
  wasio_task_release(c);
  wasio_task_release(r2);
  return 0;
}

TEST(bad_and_closed_descriptors) {
  pipe_test p = {.rc = -99};
  CHECK_INT(pipe(p.fds), 0);
  CHECK_RC(run_virtual(bad_fd_main, &p, NULL), 0);
  close(p.fds[1]);
}

/* The host cannot wait (ppoll refuses more descriptors than RLIMIT_NOFILE
 * allows): the run cancels its tasks so their cleanup runs and returns
 * the host's error, message included, instead of spinning. */
#if !defined(WASIO_VALGRIND)
static int waits_for_nothing_to_write(void *arg, void **result) {
  pipe_test *p = arg;
  (void)result;
  p->rc = wasio_wait_readable(p->fds[0]);
  return p->rc;
}
#endif

TEST(a_host_that_cannot_wait_fails_the_run) {
#if defined(WASIO_VALGRIND)
  /* valgrind keeps the descriptor limit to itself: ppoll would block */
#else
  pipe_test p = {.rc = -99};
  struct rlimit saved, none;
  CHECK_INT(pipe(p.fds), 0);
  CHECK_INT(getrlimit(RLIMIT_NOFILE, &saved), 0);
  none = saved;
  none.rlim_cur = 0;
  CHECK_INT(setrlimit(RLIMIT_NOFILE, &none), 0);
  wasio_outcome out;
  int rc = wasio_run(waits_for_nothing_to_write, &p, NULL, &out);
  char message[128];
  snprintf(message, sizeof message, "%s", wasio_error_message());
  setrlimit(RLIMIT_NOFILE, &saved);
  CHECK_RC(rc, WASIO_EIO);
  CHECK_STR(message, "ppoll: Invalid argument");
  CHECK_RC(out.status, WASIO_EIO);
  CHECK_STR(out.message, "ppoll: Invalid argument");
  CHECK_RC(p.rc, WASIO_ECANCELLED); /* its wait was cancelled, cleanly */
  close(p.fds[0]);
  close(p.fds[1]);
#endif
}
#else
/* not compiled for wasm: list.h marks these TEST_NATIVE */
TEST(readable_pipe_wakes_the_reader) {}
TEST(bad_and_closed_descriptors) {}
TEST(a_host_that_cannot_wait_fails_the_run) {}
#endif

static int errors_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  CHECK_RC(wasio_wait_readable(-1), WASIO_EINVAL);
#if defined(__EMSCRIPTEN__)
  CHECK_RC(wasio_wait_readable(0), WASIO_ENOTSUP);
  CHECK_STR(wasio_error_message(), "wasio_wait_readable: the js host has no "
                                   "file descriptors");
#else
  CHECK_RC(wasio_wait_writable(987), WASIO_EBADF);
  CHECK_STR(wasio_error_message(), "wasio_wait_writable: 987 is not an open "
                                   "descriptor");
#endif
  return 0;
}

TEST(descriptor_errors_on_every_host) {
  CHECK_RC(run_virtual(errors_main, NULL, NULL), 0);
  CHECK_RC(wasio_wait_readable(0), WASIO_ENOLOOP);
}
