/* Error codes: names, fixed messages, and the detailed per-task message. */
#include "test.h"

TEST(names_and_messages) {
  CHECK_STR(wasio_err_name(WASIO_EINVAL), "EINVAL");
  CHECK_STR(wasio_err_name(WASIO_ENESTED), "ENESTED");
  CHECK_STR(wasio_err_name(WASIO_EUSER - 5), "EUSER");
  CHECK_STR(wasio_err_name(-999), "UNKNOWN");
  CHECK_STR(wasio_strerror(WASIO_ECANCELLED), "task was cancelled");
  CHECK_STR(wasio_strerror(WASIO_ENESTED),
            "wasio_run() cannot be called from a running event loop");
  CHECK_STR(wasio_strerror(0), "success");
  CHECK_STR(wasio_strerror(WASIO_EUSER), "user-defined error");
  CHECK_STR(wasio_strerror(-999), "unknown error");
}

static int failing(void *arg, void **result) {
  (void)arg;
  (void)result;
  CHECK_RC(wasio_fail(WASIO_EUSER - 1, "row %d is bad", 7), WASIO_EUSER - 1);
  CHECK_STR(wasio_error_message(), "row 7 is bad");
  CHECK_RC(wasio_fail(3, "positive"), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_fail: code must be negative (got 3)");
  return wasio_fail(WASIO_EUSER - 1, "row %d is bad", 8);
}

TEST(fail_sets_message) {
  wasio_outcome out;
  CHECK_RC(run_virtual(failing, NULL, &out), WASIO_EUSER - 1);
  CHECK_RC(out.status, WASIO_EUSER - 1);
  CHECK_STR(out.message, "row 8 is bad");
  /* after the run, the thread's message is main's */
  CHECK_STR(wasio_error_message(), "row 8 is bad");
}
