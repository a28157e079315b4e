/* Bad input: a negative code and a clear message, never a crash. */
#include "test.h"

static int noop(void *arg, void **result) {
  (void)arg;
  (void)result;
  return 0;
}

static int null_fn_main(void *arg, void **result) {
  wasio_task t = {0, 0};
  (void)arg;
  (void)result;
  CHECK_RC(wasio_create_task(&t, NULL, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_create_task: fn is NULL");
  CHECK_INT(t.slot, 0); /* out untouched */
  return 0;
}

TEST(null_task_function) {
  CHECK_RC(run_virtual(null_fn_main, NULL, NULL), 0);
  CHECK_RC(wasio_run(NULL, NULL, NULL, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_run: main is NULL");
}

static int delay_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  CHECK_RC(wasio_sleep(-1), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(),
            "wasio_sleep: delay must be a number >= 0 (got -1)");
  CHECK_RC(wasio_sleep(NAN), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(),
            "wasio_sleep: delay must be a number >= 0 (got nan)");
  CHECK_RC(wasio_sleep(INFINITY), WASIO_EINVAL);
  CHECK_RC(wasio_sleep(-INFINITY), WASIO_EINVAL);
  CHECK_NEAR(wasio_now(), 0, 0); /* none of them slept */
  CHECK_RC(wasio_sleep(1e-9), 0);  /* tiny but valid */
  return 0;
}

TEST(negative_nan_infinite_delay) {
  CHECK_RC(run_virtual(delay_main, NULL, NULL), 0);
}

static int invalid_handle_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_task zero = {0, 0}, wild = {123456, 1}, bad_gen = {1, 0};
  CHECK_RC(wasio_await(zero, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "invalid task handle {0, 0}");
  CHECK_RC(wasio_await(wild, NULL), WASIO_EINVAL);
  CHECK_RC(wasio_await(bad_gen, NULL), WASIO_EINVAL);
  CHECK_RC(wasio_cancel(wild), WASIO_EINVAL);
  CHECK_RC(wasio_task_state(wild), WASIO_EINVAL);
  CHECK(wasio_task_name(wild) == NULL);
  CHECK_RC(wasio_gather(NULL, 2, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_gather: tasks is NULL");
  return 0;
}

TEST(await_invalid_handle) {
  CHECK_RC(run_virtual(invalid_handle_main, NULL, NULL), 0);
}

static int freed_main(void *arg, void **result) {
  wasio_task t;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_create_task(&t, noop, NULL), 0);
  CHECK_RC(wasio_await(t, NULL), 0);
  CHECK_RC(wasio_task_release(t), 0); /* done and released: freed */
  CHECK_RC(wasio_await(t, NULL), WASIO_ESTALE);
  CHECK(strstr(wasio_error_message(), "refers to a task that was freed"));
  CHECK_RC(wasio_task_release(t), WASIO_ESTALE); /* double release */
  CHECK_RC(wasio_task_outcome(t, NULL), WASIO_ESTALE);
  /* the slot is reused by the next task; the old handle still misses */
  wasio_task u;
  CHECK_RC(wasio_create_task(&u, noop, NULL), 0);
  CHECK_INT(u.slot, t.slot);
  CHECK_RC(wasio_await(t, NULL), WASIO_ESTALE);
  CHECK_RC(wasio_await(u, NULL), 0);
  wasio_task_release(u);
  return 0;
}

TEST(await_freed_task) {
  CHECK_RC(run_virtual(freed_main, NULL, NULL), 0);
}

static int self_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_task me = wasio_current_task();
  CHECK_RC(wasio_await(me, NULL), WASIO_ESELF);
  CHECK_STR(wasio_error_message(), "wasio_await: main cannot await itself");
  CHECK_RC(wasio_gather(&me, 1, NULL), WASIO_ESELF);
  CHECK_INT(wasio_task_state(me), WASIO_TASK_RUNNING);
  return 0;
}

TEST(await_self) {
  CHECK_RC(run_virtual(self_main, NULL, NULL), 0);
}

TEST(calls_outside_a_loop) {
  wasio_task t = {1, 1};
  CHECK_RC(wasio_sleep(1), WASIO_ENOLOOP);
  CHECK_STR(wasio_error_message(),
            "wasio_sleep: not called from a task of a running event loop");
  CHECK_RC(wasio_create_task(&t, noop, NULL), WASIO_ENOLOOP);
  CHECK_RC(wasio_await(t, NULL), WASIO_ENOLOOP);
  CHECK_RC(wasio_gather(&t, 1, NULL), WASIO_ENOLOOP);
  CHECK(wasio_current_task().slot == 0);
  CHECK_RC(wasio_get_running_loop(NULL), WASIO_ENOLOOP);
}

static int positive(void *arg, void **result) {
  (void)arg;
  (void)result;
  return 5;
}

TEST(positive_return_from_task) {
  wasio_outcome out;
  CHECK_RC(run_virtual(positive, NULL, &out), WASIO_EINVAL);
  CHECK_STR(out.message, "task main returned 5; a task body returns 0 or a "
                         "negative error code");
}

/* Wrong thread of use: each thread has its own loops and handles. A handle
 * from another thread's loop is refused, not taken for whichever task has
 * the same slot on this thread. (Native: the wasm builds have one thread.) */
#if !defined(__wasm__)
#include <pthread.h>

static wasio_task foreign;

static int owner_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  foreign = wasio_current_task(); /* slot 1 of this thread's table */
  return 0;
}

static int other_main(void *arg, void **result) {
  char *message = arg;
  (void)result;
  int rc = wasio_await(foreign, NULL);
  snprintf(message, 128, "%s", wasio_error_message());
  return rc;
}

static void *other_thread(void *arg) {
  static int rc;
  rc = run_virtual(other_main, arg, NULL);
  return &rc;
}
#endif

TEST(handle_from_another_thread) {
#if !defined(__wasm__)
  char message[128] = "";
  void *rc;
  pthread_t t;
  CHECK_RC(run_virtual(owner_main, NULL, NULL), 0);
  CHECK(pthread_create(&t, NULL, other_thread, message) == 0);
  pthread_join(t, &rc);
  CHECK_RC(*(int *)rc, WASIO_EINVAL);
  char expected[128];
  snprintf(expected, sizeof expected, "task handle {%u, %llu} belongs to "
           "another thread's loop", (unsigned)foreign.slot,
           (unsigned long long)(foreign.gen & ((1ull << 56) - 1)));
  CHECK_STR(message, expected);
#endif
}
