/* Event, Lock, Semaphore, BoundedSemaphore, Condition: FIFO fairness and
 * cancellation safety. */
#include "test.h"

#include <stdint.h>

typedef struct shared {
  wasio_event ev;
  wasio_lock lock;
  wasio_semaphore sem;
  wasio_condition cond;
  int order[16];
  int n;
  int value;
} shared;

typedef struct worker {
  shared *s;
  int id;
  double hold;
} worker;

static int event_waiter(void *arg, void **result) {
  worker *w = arg;
  (void)result;
  int rc = wasio_event_wait(&w->s->ev);
  if (rc == 0) w->s->order[w->s->n++] = w->id;
  return rc;
}

static int event_main(void *arg, void **result) {
  shared *s = arg;
  worker w[3] = {{s, 1, 0}, {s, 2, 0}, {s, 3, 0}};
  wasio_task t[3];
  (void)result;
  wasio_event_init(&s->ev);
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], event_waiter, &w[i]);
  wasio_sleep(1);
  CHECK_INT(s->n, 0);
  CHECK(!wasio_event_is_set(&s->ev));
  wasio_cancel(t[1]); /* leaves no trace */
  wasio_event_set(&s->ev);
  CHECK_RC(wasio_gather(t, 3, NULL), WASIO_ECANCELLED);
  wasio_sleep(0);
  CHECK_INT(s->n, 2);
  CHECK_INT(s->order[0], 1);
  CHECK_INT(s->order[1], 3);
  CHECK_RC(wasio_event_wait(&s->ev), 0); /* set: returns at once */
  wasio_event_clear(&s->ev);
  CHECK(!wasio_event_is_set(&s->ev));
  for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  return 0;
}

TEST(event_wakes_all_waiters) {
  shared s = {.n = 0};
  CHECK_RC(run_virtual(event_main, &s, NULL), 0);
}

static int locker(void *arg, void **result) {
  worker *w = arg;
  (void)result;
  int rc = wasio_lock_acquire(&w->s->lock);
  if (rc != 0) return rc;
  w->s->order[w->s->n++] = w->id;
  rc = wasio_sleep(w->hold);
  wasio_lock_release(&w->s->lock);
  return rc;
}

static int lock_main(void *arg, void **result) {
  shared *s = arg;
  worker w[4] = {{s, 1, 1}, {s, 2, 1}, {s, 3, 1}, {s, 4, 1}};
  wasio_task t[4];
  (void)result;
  wasio_lock_init(&s->lock);
  for (int i = 0; i < 4; i++) wasio_create_task(&t[i], locker, &w[i]);
  wasio_sleep(0.5);
  CHECK(wasio_lock_locked(&s->lock));
  wasio_cancel(t[1]); /* waiting for the lock: leaves the line */
  CHECK_RC(wasio_await(t[3], NULL), 0);
  CHECK_NEAR(wasio_now(), 3, 0); /* 1, 3, 4 held it a second each */
  CHECK(!wasio_lock_locked(&s->lock));
  CHECK_RC(wasio_lock_release(&s->lock), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "wasio_lock_release: the lock is not "
                                   "acquired");
  for (int i = 0; i < 4; i++) wasio_task_release(t[i]);
  return 0;
}

TEST(lock_is_fifo_and_cancellation_safe) {
  shared s = {.n = 0};
  CHECK_RC(run_virtual(lock_main, &s, NULL), 0);
  CHECK_INT(s.n, 3);
  CHECK_INT(s.order[0], 1);
  CHECK_INT(s.order[1], 3);
  CHECK_INT(s.order[2], 4);
}

/* The waiter is served (handed the lock) and cancelled before it resumes:
 * its acquire fails, as asyncio's does, and the lock is released again, so
 * it is not lost. */
static int served_then_cancelled_main(void *arg, void **result) {
  shared *s = arg;
  worker w = {s, 7, 0};
  wasio_task t;
  (void)result;
  wasio_lock_init(&s->lock);
  wasio_lock_acquire(&s->lock);
  wasio_create_task(&t, locker, &w);
  wasio_sleep(0);
  wasio_lock_release(&s->lock); /* handed to t */
  wasio_cancel(t);              /* before t ran */
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  CHECK_INT(s->n, 0); /* its critical section never ran */
  CHECK(!wasio_lock_locked(&s->lock)); /* the lock was given back */
  wasio_task_release(t);
  return 0;
}

TEST(lock_handed_over_is_never_lost) {
  shared s = {.n = 0};
  CHECK_RC(run_virtual(served_then_cancelled_main, &s, NULL), 0);
}

static int sem_worker(void *arg, void **result) {
  worker *w = arg;
  (void)result;
  int rc = wasio_semaphore_acquire(&w->s->sem);
  if (rc != 0) return rc;
  w->s->value++;
  if (w->s->value > w->s->order[15]) w->s->order[15] = w->s->value;
  rc = wasio_sleep(w->hold);
  w->s->value--;
  wasio_semaphore_release(&w->s->sem);
  return rc;
}

static int sem_main(void *arg, void **result) {
  shared *s = arg;
  worker w[5];
  wasio_task t[5];
  (void)result;
  wasio_semaphore_init(&s->sem, 2);
  for (int i = 0; i < 5; i++) {
    w[i] = (worker){s, i, 1};
    wasio_create_task(&t[i], sem_worker, &w[i]);
  }
  CHECK_RC(wasio_gather(t, 5, NULL), 0);
  CHECK_NEAR(wasio_now(), 3, 0); /* 2 + 2 + 1 */
  CHECK_INT(s->order[15], 2);    /* never more than 2 at once */
  CHECK_INT(wasio_semaphore_value(&s->sem), 2);
  CHECK_RC(wasio_semaphore_release(&s->sem), 0); /* unbounded: fine */
  CHECK_INT(wasio_semaphore_value(&s->sem), 3);
  wasio_semaphore bounded;
  wasio_bounded_semaphore_init(&bounded, 1);
  CHECK_RC(wasio_semaphore_acquire(&bounded), 0);
  CHECK(wasio_semaphore_locked(&bounded));
  CHECK_RC(wasio_semaphore_release(&bounded), 0);
  CHECK_RC(wasio_semaphore_release(&bounded), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "BoundedSemaphore released too many times");
  CHECK_RC(wasio_semaphore_init(&bounded, -1), WASIO_EINVAL);
  for (int i = 0; i < 5; i++) wasio_task_release(t[i]);
  return 0;
}

TEST(semaphore_limits_and_bounded_semaphore) {
  shared s = {.n = 0};
  CHECK_RC(run_virtual(sem_main, &s, NULL), 0);
}

static int ready(void *arg) { return ((shared *)arg)->value >= 3; }

static int cond_waiter(void *arg, void **result) {
  worker *w = arg;
  shared *s = w->s;
  (void)result;
  wasio_condition_acquire(&s->cond);
  int rc = w->hold > 0 ? wasio_condition_wait_for(&s->cond, ready, s)
                       : wasio_condition_wait(&s->cond);
  CHECK(wasio_lock_locked(s->cond._lock)); /* held again, even if cancelled */
  if (rc == 0) s->order[s->n++] = w->id;
  wasio_condition_release(&s->cond);
  return rc;
}

static int cond_main(void *arg, void **result) {
  shared *s = arg;
  worker w[4] = {{s, 1, 0}, {s, 2, 0}, {s, 3, 0}, {s, 4, 1}};
  wasio_task t[4];
  (void)result;
  wasio_condition_init(&s->cond, NULL);
  for (int i = 0; i < 4; i++) wasio_create_task(&t[i], cond_waiter, &w[i]);
  wasio_sleep(1);
  CHECK_RC(wasio_condition_notify(&s->cond, 1), WASIO_ESTATE); /* no lock */
  wasio_condition_acquire(&s->cond);
  wasio_condition_notify(&s->cond, 1); /* wakes 1 */
  wasio_condition_release(&s->cond);
  wasio_sleep(0.5);
  wasio_cancel(t[1]); /* 2 is cancelled while waiting */
  wasio_sleep(0.5);
  wasio_condition_acquire(&s->cond);
  s->value = 3;
  wasio_condition_notify_all(&s->cond); /* 3, and 4 whose predicate holds */
  wasio_condition_release(&s->cond);
  CHECK_RC(wasio_await(t[3], NULL), 0);
  CHECK_RC(wasio_await(t[1], NULL), WASIO_ECANCELLED);
  CHECK_RC(wasio_condition_wait(&s->cond), WASIO_ESTATE);
  for (int i = 0; i < 4; i++) wasio_task_release(t[i]);
  return 0;
}

TEST(condition_notify_and_wait_for) {
  shared s = {.n = 0};
  CHECK_RC(run_virtual(cond_main, &s, NULL), 0);
  CHECK_INT(s.n, 3);
  CHECK_INT(s.order[0], 1);
  CHECK_INT(s.order[1], 3);
  CHECK_INT(s.order[2], 4);
}

static int uninit_main(void *arg, void **result) {
  wasio_lock l;
  (void)arg;
  (void)result;
  memset(&l, 0, sizeof l);
  CHECK_RC(wasio_lock_acquire(&l), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_lock_acquire: the lock is not initialised");
  CHECK_RC(wasio_lock_acquire(NULL), WASIO_EINVAL);
  CHECK_RC(wasio_event_wait(NULL), WASIO_EINVAL);
  return 0;
}

TEST(uninitialised_primitives_are_refused) {
  CHECK_RC(run_virtual(uninit_main, NULL, NULL), 0);
  wasio_event ev;
  wasio_event_init(&ev);
  CHECK_RC(wasio_event_wait(&ev), WASIO_ENOLOOP);
}
