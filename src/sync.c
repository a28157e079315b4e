/* Event, Lock, Semaphore, BoundedSemaphore, Condition.
 *
 * Every primitive keeps a FIFO of parked tasks and hands what it guards
 * straight to the first of them (the lock, a permit), so no newcomer can
 * overtake a waiter: fair, and cancellation-safe, since a waiter that is
 * cancelled before it is served simply leaves the queue, and one that was
 * served but cancelled before it resumed passes what it got on. */
#include "internal.h"

#include <limits.h>

/* The checks every waiting call makes on entry, before it looks at the
 * primitive: a task, and not cancelled (an await point of a cancelled task
 * fails, after yielding once, even when it would not have to wait). */
static wasio__task *waiter(const char *what, int *err) {
  wasio__task *t = wasio__need_task(what, err);
  if (t != NULL && (*err = wasio__checkpoint(t)) != 0) return NULL;
  return t;
}

/* Waits in `queue`. Served and then cancelled before it resumed, the
 * waiter fails as asyncio's does, and gives what it was handed back
 * (give_back(obj): the lock or permit goes on to the next waiter). */
static int parked(wasio__task *t, wasio__list *queue,
                  int (*give_back)(void *obj), void *obj) {
  wasio__parked p;
  int rc = wasio__park(queue, &p);
  if (rc == WASIO__SERVED_CANCELLED && give_back != NULL) give_back(obj);
  return wasio__woken(t, rc);
}

static int lock_give_back(void *l) { return wasio_lock_release(l); }
static int sem_give_back(void *s) { return wasio_semaphore_release(s); }

/* ------------------------------------------------------------------- Event */

int wasio_event_init(wasio_event *e) {
  if (e == NULL) return wasio__set_error(WASIO_EINVAL, "wasio_event_init: NULL");
  wasio__list_init(&e->_waiters);
  e->_set = 0;
  e->_magic = WASIO__MAGIC_EVENT;
  return 0;
}

int wasio_event_wait(wasio_event *e) {
  int err;
  WASIO__CHECK_INIT(e, WASIO__MAGIC_EVENT, "wasio_event_wait");
  wasio__task *t = waiter("wasio_event_wait", &err);
  if (t == NULL) return err;
  if (e->_set) return 0;
  wasio__waiting_on(t, "event wait");
  return parked(t, &e->_waiters, NULL, NULL);
}

static int step_event_request(wasio__task *t) {
  wasio__step *s = WASIO__TASK_STEP(t);
  if (s->event->_set) return 0;
  wasio__waiting_on(t, "event wait");
  wasio__park_step(&s->event->_waiters, &s->parked);
  return wasio__step_wait(t, WASIO__FINISH_WOKEN);
}

int wasio_step_event_wait(wasio_step *ps, wasio_event *e) {
  int err;
  wasio__task *t = wasio__step_arming(ps, "wasio_step_event_wait", &err);
  if (t == NULL) return err;
  WASIO__CHECK_INIT(e, WASIO__MAGIC_EVENT, "wasio_step_event_wait");
  WASIO__TASK_STEP(t)->event = e;
  WASIO__TASK_STEP(t)->request = step_event_request;
  return WASIO_PENDING;
}

int wasio_event_set(wasio_event *e) {
  WASIO__CHECK_INIT(e, WASIO__MAGIC_EVENT, "wasio_event_set");
  e->_set = 1;
  while (wasio__unpark_first(&e->_waiters, 0)) {
  }
  return 0;
}

int wasio_event_clear(wasio_event *e) {
  WASIO__CHECK_INIT(e, WASIO__MAGIC_EVENT, "wasio_event_clear");
  e->_set = 0;
  return 0;
}

int wasio_event_is_set(const wasio_event *e) {
  return e != NULL && e->_magic == WASIO__MAGIC_EVENT && e->_set;
}

/* -------------------------------------------------------------------- Lock */

int wasio_lock_init(wasio_lock *l) {
  if (l == NULL) return wasio__set_error(WASIO_EINVAL, "wasio_lock_init: NULL");
  wasio__list_init(&l->_waiters);
  l->_locked = 0;
  l->_magic = WASIO__MAGIC_LOCK;
  return 0;
}

int wasio_lock_acquire(wasio_lock *l) {
  int err;
  WASIO__CHECK_INIT(l, WASIO__MAGIC_LOCK, "wasio_lock_acquire");
  wasio__task *t = waiter("wasio_lock_acquire", &err);
  if (t == NULL) return err;
  if (!l->_locked) {
    l->_locked = 1;
    return 0;
  }
  wasio__waiting_on(t, "lock acquire");
  /* served: the lock was handed over */
  return parked(t, &l->_waiters, lock_give_back, l);
}

int wasio_lock_release(wasio_lock *l) {
  WASIO__CHECK_INIT(l, WASIO__MAGIC_LOCK, "wasio_lock_release");
  if (!l->_locked)
    return wasio__set_error(WASIO_ESTATE, "wasio_lock_release: the lock is "
                            "not acquired");
  if (!wasio__unpark_first(&l->_waiters, 0)) l->_locked = 0;
  return 0;
}

int wasio_lock_locked(const wasio_lock *l) {
  return l != NULL && l->_magic == WASIO__MAGIC_LOCK && l->_locked;
}

/* A Condition re-acquires its lock even when cancelled: the caller must
 * hold the lock when wait returns, as in asyncio. */
static void lock_acquire_uncancellable(wasio_lock *l) {
  if (!l->_locked) {
    l->_locked = 1;
    return;
  }
  wasio__parked p;
  wasio__park_shielded(&l->_waiters, &p);
}

/* --------------------------------------------------------------- Semaphore */

static int sem_init(wasio_semaphore *s, long value, long bound,
                    const char *what) {
  if (s == NULL) return wasio__set_error(WASIO_EINVAL, "%s: NULL", what);
  if (value < 0)
    return wasio__set_error(WASIO_EINVAL, "%s: initial value must be >= 0 "
                            "(got %ld)", what, value);
  wasio__list_init(&s->_waiters);
  s->_value = value;
  s->_bound = bound;
  s->_magic = WASIO__MAGIC_SEM;
  return 0;
}

int wasio_semaphore_init(wasio_semaphore *s, long value) {
  return sem_init(s, value, -1, "wasio_semaphore_init");
}

int wasio_bounded_semaphore_init(wasio_semaphore *s, long value) {
  return sem_init(s, value, value, "wasio_bounded_semaphore_init");
}

int wasio_semaphore_acquire(wasio_semaphore *s) {
  const char *what = "wasio_semaphore_acquire";
  int err;
  WASIO__CHECK_INIT(s, WASIO__MAGIC_SEM, what);
  wasio__task *t = waiter(what, &err);
  if (t == NULL) return err;
  if (s->_value > 0 && wasio__list_empty(&s->_waiters)) {
    s->_value--;
    return 0;
  }
  wasio__waiting_on(t, "semaphore acquire");
  /* served: a permit was handed over */
  return parked(t, &s->_waiters, sem_give_back, s);
}

int wasio_semaphore_release(wasio_semaphore *s) {
  const char *what = "wasio_semaphore_release";
  WASIO__CHECK_INIT(s, WASIO__MAGIC_SEM, what);
  if (wasio__unpark_first(&s->_waiters, 0)) return 0;
  if (s->_bound >= 0 && s->_value >= s->_bound)
    return wasio__set_error(WASIO_ESTATE, "BoundedSemaphore released too "
                            "many times");
  if (s->_value == LONG_MAX)
    return wasio__set_error(WASIO_EINVAL, "%s: the value is LONG_MAX already "
                            "(it would overflow)", what);
  s->_value++;
  return 0;
}

int wasio_semaphore_locked(const wasio_semaphore *s) {
  return s != NULL && s->_magic == WASIO__MAGIC_SEM &&
         (s->_value == 0 || !wasio__list_empty(&s->_waiters));
}

long wasio_semaphore_value(const wasio_semaphore *s) {
  return s != NULL && s->_magic == WASIO__MAGIC_SEM ? s->_value : 0;
}

/* --------------------------------------------------------------- Condition */

int wasio_condition_init(wasio_condition *c, wasio_lock *lock) {
  if (c == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_condition_init: NULL");
  if (lock != NULL) WASIO__CHECK_INIT(lock, WASIO__MAGIC_LOCK,
                                      "wasio_condition_init");
  if (lock == NULL) {
    wasio_lock_init(&c->_own_lock);
    lock = &c->_own_lock;
  }
  wasio__list_init(&c->_waiters);
  c->_lock = lock;
  c->_magic = WASIO__MAGIC_COND;
  return 0;
}

int wasio_condition_acquire(wasio_condition *c) {
  WASIO__CHECK_INIT(c, WASIO__MAGIC_COND, "wasio_condition_acquire");
  return wasio_lock_acquire(c->_lock);
}

int wasio_condition_release(wasio_condition *c) {
  WASIO__CHECK_INIT(c, WASIO__MAGIC_COND, "wasio_condition_release");
  return wasio_lock_release(c->_lock);
}

int wasio_condition_locked(const wasio_condition *c) {
  return c != NULL && c->_magic == WASIO__MAGIC_COND && c->_lock->_locked;
}

int wasio_condition_wait(wasio_condition *c) {
  const char *what = "wasio_condition_wait";
  WASIO__CHECK_INIT(c, WASIO__MAGIC_COND, what);
  int err;
  wasio__task *t = wasio__need_task(what, &err);
  if (t == NULL) return err;
  if (!c->_lock->_locked)
    return wasio__set_error(WASIO_ESTATE, "%s: the lock is not acquired",
                            what);
  int rc = wasio__checkpoint(t);
  if (rc != 0) return rc;
  if (!c->_lock->_locked) /* while it yielded */
    return wasio__set_error(WASIO_ESTATE, "%s: the lock is not acquired",
                            what);
  wasio_lock_release(c->_lock);
  wasio__parked p;
  wasio__waiting_on(t, "condition wait");
  rc = wasio__park(&c->_waiters, &p);
  lock_acquire_uncancellable(c->_lock);
  if (rc == 0) return 0;
  /* Cancelled, perhaps after it was notified: another waiter is notified
   * in its place (a spurious wake-up at worst), as asyncio does. */
  wasio__unpark_first(&c->_waiters, 0);
  return wasio__cancelled_error(t);
}

int wasio_condition_wait_for(wasio_condition *c, int (*pred)(void *arg),
                             void *arg) {
  WASIO__CHECK_INIT(c, WASIO__MAGIC_COND, "wasio_condition_wait_for");
  if (pred == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_condition_wait_for: pred is "
                            "NULL");
  while (!pred(arg)) {
    int rc = wasio_condition_wait(c);
    if (rc != 0) return rc;
  }
  return 0;
}

int wasio_condition_notify(wasio_condition *c, size_t n) {
  WASIO__CHECK_INIT(c, WASIO__MAGIC_COND, "wasio_condition_notify");
  if (!c->_lock->_locked)
    return wasio__set_error(WASIO_ESTATE, "wasio_condition_notify: the lock "
                            "is not acquired");
  for (size_t i = 0; i < n && wasio__unpark_first(&c->_waiters, 0); i++) {
  }
  return 0;
}

int wasio_condition_notify_all(wasio_condition *c) {
  return wasio_condition_notify(c, SIZE_MAX);
}
