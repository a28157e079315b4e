/* Timeouts (asyncio.timeout, timeout_at, reschedule, wait_for), shields
 * (Trio's shielded scope and asyncio.shield), on the virtual clock. */
#include "test.h"

#include <math.h>

typedef struct work {
  double duration;
  int started, finished, cleaned;
  double cleaned_at;
} work;

static int do_work(void *arg, void **result) {
  work *w = arg;
  (void)result;
  w->started = 1;
  int rc = wasio_sleep(w->duration);
  if (rc == WASIO_ECANCELLED) {
    w->cleaned = 1;
    w->cleaned_at = wasio_now();
    return rc;
  }
  w->finished = 1;
  *result = (void *)"done";
  return rc;
}

static int timeout_main(void *arg, void **result) {
  wasio_scope s;
  (void)arg;
  (void)result;
  /* expires: the sleep fails, the exit says why */
  CHECK_RC(wasio_timeout_enter(&s, 1.5), 0);
  CHECK_NEAR(wasio_timeout_when(&s), 1.5, 1e-9);
  int rc = wasio_sleep(10);
  CHECK_RC(rc, WASIO_ECANCELLED);
  CHECK_RC(wasio_sleep(1), WASIO_ECANCELLED); /* level-triggered inside */
  CHECK(wasio_timeout_expired(&s));
  CHECK_RC(wasio_timeout_exit(&s, rc), WASIO_ETIMEDOUT);
  CHECK_STR(wasio_error_message(), "main timed out");
  CHECK_NEAR(wasio_now(), 1.5, 0);
  CHECK_RC(wasio_sleep(0.5), 0); /* outside the scope, awaits work again */
  /* does not expire: the status passes through */
  CHECK_RC(wasio_timeout_enter(&s, 5), 0);
  CHECK_RC(wasio_sleep(1), 0);
  CHECK(!wasio_timeout_expired(&s));
  CHECK_RC(wasio_timeout_exit(&s, 0), 0);
  CHECK_RC(wasio_timeout_enter(&s, 5), 0);
  CHECK_RC(wasio_timeout_exit(&s, WASIO_EUSER - 1), WASIO_EUSER - 1);
  CHECK_NEAR(wasio_now(), 3, 0);
  return 0;
}

TEST(timeout_expires_and_passes_through) {
  CHECK_RC(run_virtual(timeout_main, NULL, NULL), 0);
}

static int reschedule_main(void *arg, void **result) {
  wasio_scope s;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_timeout_enter(&s, INFINITY), 0);
  CHECK(isinf(wasio_timeout_when(&s)));
  CHECK_RC(wasio_sleep(1), 0);
  CHECK_RC(wasio_timeout_reschedule(&s, wasio_now() + 0.25), 0);
  int rc = wasio_sleep(5);
  CHECK_RC(wasio_timeout_exit(&s, rc), WASIO_ETIMEDOUT);
  CHECK_NEAR(wasio_now(), 1.25, 0);
  /* timeout_at with a time already past expires once the tasks already
   * ready have run: even the sleep(0) fails (asyncio's call_soon) */
  CHECK_RC(wasio_timeout_at_enter(&s, 0.5), 0);
  rc = wasio_sleep(0);
  CHECK_RC(rc, WASIO_ECANCELLED);
  CHECK_RC(wasio_timeout_exit(&s, rc), WASIO_ETIMEDOUT);
  CHECK(wasio_timeout_expired(&s)); /* still answers after the exit */
  CHECK_NEAR(wasio_timeout_when(&s), 0.5, 0);
  CHECK_NEAR(wasio_now(), 1.25, 0);
  /* pushing a deadline out keeps the body alive */
  CHECK_RC(wasio_timeout_enter(&s, 1), 0);
  CHECK_RC(wasio_timeout_reschedule(&s, wasio_now() + 3), 0);
  CHECK_RC(wasio_timeout_exit(&s, wasio_sleep(2)), 0);
  CHECK_RC(wasio_timeout_reschedule(&s, 1), WASIO_ESTATE); /* exited */
  CHECK_STR(wasio_error_message(), "wasio_timeout_reschedule: the scope has "
                                   "exited");
  return 0;
}

TEST(timeout_reschedule_and_timeout_at) {
  CHECK_RC(run_virtual(reschedule_main, NULL, NULL), 0);
}

static int nested_main(void *arg, void **result) {
  wasio_scope outer, inner;
  (void)arg;
  (void)result;
  /* the inner one expires first: only it reports a timeout */
  wasio_timeout_enter(&outer, 5);
  wasio_timeout_enter(&inner, 1);
  int rc = wasio_timeout_exit(&inner, wasio_sleep(10));
  CHECK_RC(rc, WASIO_ETIMEDOUT);
  CHECK_RC(wasio_timeout_exit(&outer, 0), 0);
  CHECK_NEAR(wasio_now(), 1, 0);
  /* the outer one expires first: the inner scope passes ECANCELLED on */
  wasio_timeout_enter(&outer, 1);
  wasio_timeout_enter(&inner, 5);
  rc = wasio_timeout_exit(&inner, wasio_sleep(10));
  CHECK_RC(rc, WASIO_ECANCELLED);
  CHECK_RC(wasio_timeout_exit(&outer, rc), WASIO_ETIMEDOUT);
  CHECK_NEAR(wasio_now(), 2, 0);
  /* exits out of order are refused */
  wasio_timeout_enter(&outer, 5);
  wasio_timeout_enter(&inner, 5);
  CHECK_RC(wasio_timeout_exit(&outer, 0), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_scope_exit: scopes must be exited "
                                   "in the reverse order of entry");
  wasio_timeout_exit(&inner, 0);
  wasio_timeout_exit(&outer, 0);
  return 0;
}

TEST(nested_timeouts) {
  CHECK_RC(run_virtual(nested_main, NULL, NULL), 0);
}

static int wait_for_main(void *arg, void **result) {
  work *w = arg;
  wasio_task t;
  void *r = NULL;
  (void)result;
  w[0].duration = 1;
  wasio_create_task(&t, do_work, &w[0]);
  CHECK_RC(wasio_wait_for(t, 2, &r), 0);
  CHECK_STR((const char *)r, "done");
  wasio_task_release(t);
  w[1].duration = 10;
  wasio_create_task(&t, do_work, &w[1]);
  CHECK_RC(wasio_wait_for(t, 2, &r), WASIO_ETIMEDOUT);
  CHECK(r == NULL);
  CHECK_NEAR(wasio_now(), 3, 0);
  CHECK_INT(wasio_task_state(t), WASIO_TASK_DONE); /* cancelled, awaited */
  CHECK_RC(wasio_task_outcome(t, NULL), WASIO_ECANCELLED);
  wasio_task_release(t);
  CHECK_RC(wasio_wait_for(t, NAN, NULL), WASIO_EINVAL);
  return 0;
}

TEST(wait_for_cancels_on_timeout) {
  work w[2];
  memset(w, 0, sizeof w);
  CHECK_RC(run_virtual(wait_for_main, w, NULL), 0);
  CHECK_INT(w[0].finished, 1);
  CHECK_INT(w[1].cleaned, 1);
  CHECK_NEAR(w[1].cleaned_at, 3, 0);
}

/* Cleanup that must await, in a shielded scope. */
static int graceful(void *arg, void **result) {
  work *w = arg;
  wasio_scope shield;
  (void)result;
  int rc = wasio_sleep(10);
  CHECK_RC(rc, WASIO_ECANCELLED);
  CHECK_RC(wasio_sleep(1), WASIO_ECANCELLED); /* unshielded: fails */
  wasio_shield_enter(&shield);
  CHECK_RC(wasio_sleep(0.5), 0); /* say goodbye to the server */
  w->cleaned = 1;
  w->cleaned_at = wasio_now();
  wasio_scope_exit(&shield, 0);
  return rc;
}

static int shield_scope_main(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, graceful, arg);
  wasio_sleep(1);
  wasio_cancel(t);
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  CHECK_NEAR(wasio_now(), 1.5, 0);
  wasio_task_release(t);
  return 0;
}

TEST(shielded_scope_lets_cleanup_await) {
  work w;
  memset(&w, 0, sizeof w);
  CHECK_RC(run_virtual(shield_scope_main, &w, NULL), 0);
  CHECK_INT(w.cleaned, 1);
  CHECK_NEAR(w.cleaned_at, 1.5, 0);
}

static int shield_caller(void *arg, void **result) {
  wasio_task *inner = arg;
  (void)result;
  return wasio_shield(*inner, NULL);
}

static int shield_main(void *arg, void **result) {
  work *w = arg;
  wasio_task inner, outer;
  (void)result;
  w->duration = 3;
  wasio_create_task(&inner, do_work, w);
  wasio_create_task(&outer, shield_caller, &inner);
  wasio_sleep(1);
  wasio_cancel(outer);
  CHECK_RC(wasio_await(outer, NULL), WASIO_ECANCELLED);
  CHECK_NEAR(wasio_now(), 1, 0);                 /* at once */
  CHECK_INT(wasio_task_state(inner), WASIO_TASK_WAITING); /* runs on */
  CHECK_RC(wasio_await(inner, NULL), 0);
  CHECK_NEAR(wasio_now(), 3, 0);
  wasio_task_release(inner);
  wasio_task_release(outer);
  return 0;
}

TEST(shield_protects_the_inner_task) {
  work w;
  memset(&w, 0, sizeof w);
  CHECK_RC(run_virtual(shield_main, &w, NULL), 0);
  CHECK_INT(w.finished, 1);
  CHECK_INT(w.cleaned, 0);
}

static int cancel_scope_main(void *arg, void **result) {
  wasio_scope s;
  (void)arg;
  (void)result;
  wasio_timeout_enter(&s, INFINITY);
  CHECK_RC(wasio_scope_cancel(&s), 0);
  CHECK_RC(wasio_sleep(1), WASIO_ECANCELLED);
  CHECK_RC(wasio_scope_exit(&s, WASIO_ECANCELLED), WASIO_ECANCELLED);
  CHECK_RC(wasio_sleep(1), 0);
  CHECK_RC(wasio_scope_cancel(&s), WASIO_ESTATE); /* exited */
  return 0;
}

TEST(cancel_a_scope) {
  CHECK_RC(run_virtual(cancel_scope_main, NULL, NULL), 0);
}
