/* Task-local variables: copied at task creation, never leaking back. */
#include "test.h"

static wasio_contextvar request = WASIO_CONTEXTVAR("request", "none");

static int child(void *arg, void **result) {
  (void)arg;
  *result = wasio_contextvar_get(&request);  /* inherited */
  wasio_contextvar_set(&request, "child's", NULL);
  return 0;
}

static int context_main(void *arg, void **result) {
  wasio_task t;
  void *seen;
  wasio_token tok, tok2;
  (void)arg;
  (void)result;
  CHECK_STR(wasio_contextvar_get(&request), "none");
  CHECK_RC(wasio_contextvar_set(&request, "r-1", &tok), 0);
  wasio_create_task(&t, child, NULL);
  wasio_contextvar_set(&request, "r-2", &tok2); /* after the copy */
  wasio_await(t, &seen);
  CHECK_STR((const char *)seen, "r-1");
  CHECK_STR(wasio_contextvar_get(&request), "r-2"); /* child's set stayed */
  CHECK_RC(wasio_contextvar_reset(&request, &tok2), 0);
  CHECK_STR(wasio_contextvar_get(&request), "r-1");
  CHECK_RC(wasio_contextvar_reset(&request, &tok2), WASIO_ESTATE);
  CHECK_RC(wasio_contextvar_reset(&request, &tok), 0);
  CHECK_STR(wasio_contextvar_get(&request), "none");
  wasio_task_release(t);
  return 0;
}

TEST(tasks_get_a_copy) {
  CHECK_RC(run_virtual(context_main, NULL, NULL), 0);
  CHECK_STR(wasio_contextvar_get(&request), "none"); /* the thread's */
}

static wasio_token foreign;

static int makes_token(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_contextvar_set(&request, "x", &foreign);
}

static int token_main(void *arg, void **result) {
  wasio_task t;
  wasio_contextvar other = WASIO_CONTEXTVAR("other", NULL);
  wasio_token tok;
  (void)arg;
  (void)result;
  wasio_create_task(&t, makes_token, NULL);
  wasio_await(t, NULL);
  CHECK_RC(wasio_contextvar_reset(&request, &foreign), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_contextvar_reset: the token was "
                                   "created in a different context");
  wasio_contextvar_set(&request, "y", &tok);
  CHECK_RC(wasio_contextvar_reset(&other, &tok), WASIO_EINVAL);
  CHECK_RC(wasio_contextvar_set(NULL, "y", NULL), WASIO_EINVAL);
  wasio_task_release(t);
  return 0;
}

TEST(tokens_belong_to_their_context) {
  CHECK_RC(run_virtual(token_main, NULL, NULL), 0);
}
