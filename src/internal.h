/* What the files of src/ share and users must not see.
 *
 * The contract between the files: one section per file, naming what that
 * file defines and nothing else, from the bottom layer up. base.h, list.h,
 * heap.h and coro.h know nothing of loops or tasks; error.c to thread.c
 * know no loop; the hosts and io.c wait for the loop; loop.c, task.c,
 * callback.c and scope.c are the scheduler, calling each other and
 * report.c and resources.c. The files with no section here (combinators,
 * taskgroup, sync, queue, inspect, runner) are built on the scheduler and
 * nothing in it calls them. */
#ifndef WASIO_INTERNAL_H
#define WASIO_INTERNAL_H

/* the library calls its own functions plainly: no call-site macros */
#ifndef WASIO__BUILDING
#define WASIO__BUILDING 1
#endif
#include "wasio.h"

#include "base.h"
#include "coro.h"
#include "list.h"

#include <stdarg.h>

typedef struct wasio__task wasio__task;

/* names[i] of a static table of names, or `other` past its end. */
#define WASIO__NAME(names, i, other) \
  ((unsigned)(i) < sizeof(names) / sizeof(names)[0] ? (names)[i] : (other))

/* ------------------------------------------------------------------ error.c
 * Codes and the thread's last error message; user structs' magic. */
int wasio__set_error(int code, const char *fmt, ...) WASIO__PRINTF(2, 3);
int wasio__set_error_msg(int code, const char *message);
/* The code of the failure whose message wasio_error_message() gives. */
int wasio__error_code(void);
char *wasio__strdup(const char *s); /* NULL when out of memory */
void wasio__error_thread_free(void);

/* Magic numbers that mark an initialised user struct. */
enum {
  WASIO__MAGIC_SCOPE = 0x53434f50,  /* SCOP */
  WASIO__MAGIC_EVENT = 0x45564e54,  /* EVNT */
  WASIO__MAGIC_LOCK = 0x4c4f434b,   /* LOCK */
  WASIO__MAGIC_SEM = 0x53454d41,    /* SEMA */
  WASIO__MAGIC_COND = 0x434f4e44,   /* COND */
  WASIO__MAGIC_QUEUE = 0x51554555,  /* QUEU */
  WASIO__MAGIC_RUNNER = 0x52554e52, /* RUNR */
  WASIO__MAGIC_RES = 0x52455352,    /* RESR */
  WASIO__MAGIC_DEAD = 0x44454144    /* DEAD: closed or destroyed */
};
/* 0 if a user struct is initialised: `present` (not NULL) and marked with
 * `want`; else WASIO_EINVAL ("<what>: lock is NULL", "... the lock is not
 * initialised") or WASIO_ECLOSED ("<what>: the lock was destroyed").
 * WASIO__CHECK_INIT returns that error from the calling function. */
int wasio__check_init(int present, uint32_t magic, uint32_t want,
                      const char *what);
#define WASIO__CHECK_INIT(obj, want, what)                                 \
  do {                                                                     \
    int e_ = wasio__check_init((obj) != NULL, (obj) ? (obj)->_magic : 0,   \
                               (want), (what));                            \
    if (e_) return e_;                                                     \
  } while (0)

/* ---------------------------------------------------------------- handles.c
 * One table per thread for task and callback handles: a slot holds the
 * object and a generation that moves on when the object is freed. */
enum { WASIO__KIND_TASK = 1, WASIO__KIND_CALLBACK = 2 };
int wasio__slot_alloc(void *obj, int kind, uint32_t *slot, uint64_t *gen);
void wasio__slot_free(uint32_t slot);
/* The object, or NULL with *err set: WASIO_EINVAL (never a handle of this
 * kind) or WASIO_ESTALE (freed). */
void *wasio__slot_get(uint32_t slot, uint64_t gen, int kind, int *err);
void wasio__slots_thread_free(void);

/* ---------------------------------------------------------------- context.c
 * Task-local context. wasio__context_home is where the current task or
 * callback keeps the context in force (NULL outside them: the thread's own
 * is in force). A copy of an empty context is one shared empty context,
 * not an allocation of its own (most tasks and callbacks never set a
 * variable): the first wasio_contextvar_set there makes a real one and
 * puts it in the home. */
extern WASIO__TLS wasio_context **wasio__context_home;
/* The context in force. */
wasio_context *wasio__context_now(void);
/* Runs what follows in *home, until wasio__context_leave(what it
 * returned): one thread-local store each way, on every task switch. */
static inline wasio_context **wasio__context_enter(wasio_context **home) {
  wasio_context **was = wasio__context_home;
  wasio__context_home = home;
  return was;
}
static inline void wasio__context_leave(wasio_context **was) {
  wasio__context_home = was;
}
wasio_context *wasio__context_copy(wasio_context *from);
wasio_context *wasio__context_ref(wasio_context *ctx);
wasio_context *wasio__thread_context(void);
void wasio__context_thread_free(void);

/* ----------------------------------------------------------------- thread.c
 * From a thread's first loop on, what the thread kept for its loops is
 * freed when it exits: its handle table, memory reserve (task.c), last
 * error message, context and poll arrays (host_posix.c). */
void wasio__thread_watch(void);

/* ------------------------------------------------------------- timer_heap.c
 * The loop's timers (wasio__timer, wasio.h), soonest first, ties in arming
 * order. kind says whose: TASK a task's sleep; WAIT the time limit of its
 * wasio_wait or as_completed; SCOPE a timeout's; CALLBACK a timed one. */
enum { WASIO__TIMER_TASK = 0, WASIO__TIMER_SCOPE = 1, WASIO__TIMER_CALLBACK = 2,
       WASIO__TIMER_WAIT = 3 };
/* wasio__timer.index of a timer not armed, and of one the iteration under
 * way set aside */
#define WASIO__TIMER_IDLE UINT32_MAX
#define WASIO__TIMER_ASIDE (UINT32_MAX - 1)
typedef struct wasio__heap {
  wasio__timer **items;
  size_t len, cap;
} wasio__heap;
int wasio__heap_push(wasio__heap *h, wasio__timer *t); /* 0 or ENOMEM */
wasio__timer *wasio__heap_peek(const wasio__heap *h);
void wasio__heap_remove(wasio__heap *h, wasio__timer *t);
/* Removes every timer that lies in [lo, hi) (the frames of a task that are
 * gone), without reading those timers. */
void wasio__heap_drop_range(wasio__heap *h, const void *lo, const void *hi);
void wasio__heap_free(wasio__heap *h);

/* ---------------------------------------------------- host_*.c: the hosts
 * A host tells the time and waits: until `timeout` ns have passed or one
 * of the loop's watched descriptors is ready (it then calls
 * wasio__fd_ready). A blocking host waits inside wasio_run; a driven one
 * (JavaScript) is stepped from outside and never waits. */
typedef struct wasio__host_ops {
  const char *name;
  int driven; /* the embedder steps the loop: it cannot block in a run */
  /* The host's own state for `loop` (loop->host_state): 0 or WASIO_ENOMEM.
   * NULL: none. close undoes open. */
  int (*open)(wasio_loop *loop);
  void (*close)(wasio_loop *loop);
  uint64_t (*now)(wasio_loop *loop); /* ns, monotonic */
  /* 0, WASIO_EDEADLK (nothing can ever end the wait: no timeout, nothing
   * watched), or the failure of the wait (WASIO_EIO, WASIO_ENOMEM) with
   * its message set. NULL on a driven host. */
  int (*wait)(wasio_loop *loop, uint64_t timeout);
  /* Moves a clock that only moves when told by `ns`. NULL: the clock is
   * real time. */
  void (*advance)(wasio_loop *loop, uint64_t ns);
  /* 0 if fd is an open descriptor, WASIO_EBADF if not; NULL: no fds */
  int (*check_fd)(int fd);
  /* Whether a Ctrl-C may be waiting for `wait` to read it: the virtual
   * clock, which jumps instead of waiting, asks before each jump. NULL:
   * the host has no Ctrl-C. */
  int (*interrupt_pending)(wasio_loop *loop);
} wasio__host_ops;

extern const wasio__host_ops wasio__host_virtual; /* host_virtual.c */
#if defined(__EMSCRIPTEN__)
extern const wasio__host_ops wasio__host_js; /* host_js.c */
/* The end of a run: drops the values of settled promises nobody took. */
void wasio__js_forget(void);
#define WASIO__HOST_REAL wasio__host_js
#elif defined(WASIO__WASM)
extern const wasio__host_ops wasio__host_wasi; /* host_wasi.c */
#define WASIO__HOST_REAL wasio__host_wasi
#else
extern const wasio__host_ops wasio__host_posix; /* host_posix.c */
#define WASIO__HOST_REAL wasio__host_posix
/* host_posix.c: Ctrl-C through a self-pipe polled with everything else;
 * the first SIGINT is counted in loop->interrupted, the second one kills
 * the process at once. install fails (-1) if SIGINT is not at its default. */
int wasio__sigint_install(wasio_loop *loop);
void wasio__sigint_uninstall(wasio_loop *loop);
void wasio__host_thread_free(void); /* the thread's poll arrays */
#endif

/* --------------------------------------------------------------------- io.c
 * A task waiting for a descriptor (on the task's stack), on the loop's
 * fd_waiters; the host reports it ready (status 0) or broken
 * (WASIO_EBADF). */
enum { WASIO__FD_READ = 1, WASIO__FD_WRITE = 2 };
typedef struct wasio__fdwait {
  wasio__list node;
  int fd;
  int events;
  wasio__task *task;
} wasio__fdwait;
void wasio__fd_ready(wasio_loop *loop, wasio__fdwait *w, int status);

/* ------------------------------------------------------------------- loop.c
 * The ready queue, timers, one iteration, the time rule, the life cycle. */

/* Tasks and callbacks share one FIFO, as asyncio's _ready deque; this
 * header comes first in both. */
typedef struct wasio__ready {
  struct wasio__ready *next;
  uint8_t kind;   /* WASIO__KIND_TASK or WASIO__KIND_CALLBACK */
  uint8_t queued;
} wasio__ready;

/* A loop's life (loop.c owns it): NEW, MAIN, SHUTDOWN, DONE, CLOSING. */
enum { WASIO__PHASE_NEW, WASIO__PHASE_MAIN, WASIO__PHASE_SHUTDOWN,
       WASIO__PHASE_DONE, WASIO__PHASE_CLOSING };

/* The thread's running loop (one at a time: wasio__loop_enter). */
extern WASIO__TLS wasio_loop *wasio__running;

/* ns since the loop began (the user's time); the timers' clock, the
 * same plus WASIO__PAST: every timer's `when` and every deadline is on it. */
uint64_t wasio__loop_time(wasio_loop *loop);
uint64_t wasio__loop_clock(wasio_loop *loop);
/* Real time in ns, for debug timings even on the virtual clock. */
uint64_t wasio__real_ns(void);
void wasio__ready_push(wasio_loop *loop, wasio__ready *r);
int wasio__timer_arm(wasio_loop *loop, wasio__timer *t, uint64_t when);
void wasio__timer_disarm(wasio_loop *loop, wasio__timer *t);
/* Seconds into the loop's ns, by the one rule of wasio.h (WASIO_TIME_MAX:
 * past it is WASIO__FOREVER, never). Each refuses NaN with WASIO_EINVAL
 * and a message naming `what`.
 *   duration: seconds >= 0 (negative: WASIO_EINVAL);
 *   deadline: a time on the loop's clock, into the timers' clock (a time
 *             before 0 is that far in the past: past deadlines keep their
 *             order, down to WASIO__PAST back);
 *   after:    `delay` from now on the timers' clock (a negative one is that
 *             far in the past, likewise).
 * never: the WASIO_EINVAL of a call that refuses a FOREVER `seconds`. */
int wasio__duration(double seconds, uint64_t *ns, const char *what);
int wasio__deadline(double when, uint64_t *at, const char *what);
int wasio__after(wasio_loop *loop, double delay, uint64_t *at,
                 const char *what);
int wasio__never(double seconds, const char *what);
/* `ns` from now (a duration's), on the timers' clock: FOREVER stays. */
uint64_t wasio__from_now(wasio_loop *loop, uint64_t ns);
/* One iteration (run the ready batch, then fire the timers due when it
 * began); no phase logic. */
void wasio__loop_iterate(wasio_loop *loop);
/* Runs one ready entry (a task's turn or a callback), timed in debug mode. */
void wasio__loop_run(wasio_loop *loop, wasio__ready *r);
/* ns until the next iteration is due: 0, a delay, or WASIO__FOREVER
 * (nothing is scheduled). */
uint64_t wasio__loop_timeout(wasio_loop *loop);
/* 1 if something from outside can still wake the loop when nothing is
 * scheduled: a watched descriptor, an awaited JS promise. */
int wasio__loop_expects_events(const wasio_loop *loop);
/* The life cycle. enter makes `loop` the thread's running loop
 * (WASIO_ESTATE if it is already, WASIO_ENESTED if another is: `what`
 * names the refused call); leave ends that. */
int wasio__loop_enter(wasio_loop *loop, const char *what);
void wasio__loop_leave(wasio_loop *loop);
/* 0, or WASIO_ESTATE once the loop is closing (nothing new on it). */
int wasio__loop_accepts(const wasio_loop *loop, const char *what);
void wasio__loop_cancel_all(wasio_loop *loop, const char *msg);
/* Blocking: runs the loop, waiting in its host, until `main` is done (NULL:
 * until no task is left), or until cancelling every task did not get it
 * unstuck. Returns 0; WASIO_EDEADLK
 * (nothing could wake the tasks); WASIO_EINTR when a Ctrl-C cancelled
 * `main` (NULL: every task); the host's failure to wait (WASIO_EIO,
 * WASIO_ENOMEM, its message set); or enter's refusal. */
int wasio__loop_drive(wasio_loop *loop, wasio__task *main, const char *what);
/* Blocking: steps 4 and 5 of a run (cancel what is left, run until it has
 * finished, close the resources). Returns drive's failure, or 0. */
int wasio__loop_shutdown(wasio_loop *loop, const char *what);
void wasio__debug(wasio_loop *loop, const char *fmt, ...) WASIO__PRINTF(2, 3);
/* Debug mode: step 1, 2 or 3 of a run, logged as the Runner logs it. */
void wasio__debug_step(wasio_loop *loop, int step);

/* ------------------------------------------------------------------- task.c
 * Tasks: spawn, the switch, suspension and wake-up, who is told when a
 * task ends, parking on a primitive's queue. */

/* A node a suspended task puts on a task it waits for. It lives on the
 * waiting task's own stack, which stays put while that task is suspended. */
typedef struct wasio__waiter {
  wasio__list node;     /* on the task's waiters; next NULL when on none */
  void (*notify)(struct wasio__waiter *w, wasio__task *done);
  uint32_t order; /* registration order among the task's waiters and done
                     callbacks: they are told in that order */
} wasio__waiter;

typedef struct wasio__done_cb {
  struct wasio__done_cb *next;
  wasio_done_cb cb;
  void *arg;
  wasio_context *context; /* copied when the callback was added */
  uint32_t order;
} wasio__done_cb;

/* A task parked on a sync primitive's FIFO queue of waiters. */
typedef struct wasio__parked {
  wasio__list node;
  wasio__task *task;
  int served;      /* unparked: the task got what it waited for */
  intptr_t data;   /* what the primitive hands over, if anything */
} wasio__parked;

/* A step task's part of its record (allocated with it): the step
 * function and the wait it armed. The wait is armed by the loop once the
 * step returned WASIO_PENDING (`request`), so that nothing needs undoing
 * when a step arms one and returns something else. */
typedef struct wasio__step {
  wasio_step pub;        /* what the step function sees */
  wasio_step_fn fn;
  /* The requested wait: arms it and returns WASIO_PENDING, or its outcome
   * at once (0 or an error). Kept until the wait ends: a cancelled task
   * yields once first, and arms it after if the request was taken back. */
  int (*request)(wasio__task *t);
  /* How the wake status becomes the wait's outcome (wasio__step_finish):
   * a WASIO__FINISH_ kind, not a pointer, so that step_run makes no call
   * through a pointer of a task body's signature (scripts/asyncify-list.mjs
   * would take it for one that may switch). */
  uint8_t finish;
  uint8_t cancellable;   /* the armed wait had an on_cancel */
  uint8_t cancelled_await; /* the await's target was cancelled for it */
  /* what the requests wait on */
  wasio_event *event;
  wasio_task awaited;
  double seconds;        /* a sleep's delay (0: a yield) */
  uint64_t ns;           /* the same in the timers' nanoseconds */
  wasio__parked parked;  /* event */
  wasio__waiter waiter;  /* await: the awaited task's outcome, copied */
  int awaited_status;
  void *awaited_result;
  char *awaited_message;
} wasio__step;

/* Something a task opens in its frames and must close before its body
 * returns (a task group). If the frames go first (the body returned inside
 * it, or an overflow abandoned the task), the task layer calls abandon,
 * newest first: it lets go of what points into the frames and returns how
 * many tasks it cancelled. */
typedef struct wasio__opened {
  struct wasio__opened *next;
  size_t (*abandon)(struct wasio__opened *o);
} wasio__opened;

enum { WASIO__TASK_CREATED, WASIO__TASK_RUNNING, WASIO__TASK_WAITING,
       WASIO__TASK_DONE };

struct wasio__task {
  /* Fields are grouped by use, and the small ones packed together: a
   * record per waiting task is most of what a waiting task costs beside
   * its stack's top page. */
  /* the switch: read on every turn */
  wasio__ready rq;       /* must stay first */
  wasio_loop *loop;
  wasio__coro coro;
  wasio_context *context;
  uint8_t state;
  uint8_t finished;      /* body returned; the loop completes it */
  uint8_t overflowed;    /* its stack overflowed: a WASIO__STACK_ code */
  uint8_t must_cancel;   /* a cancellation no await point has reported yet */
  uint8_t retrieved;     /* someone saw the outcome */
  uint8_t awaited;       /* someone awaited or asked for the outcome */
  uint8_t owned;         /* a caller still holds the handle */
  uint8_t is_step;       /* a step task: its wasio__step follows the record */
  uint8_t named;         /* name holds it (else wasio__task_name makes it) */
  /* waiting (task.c): the pending suspension */
  int wake_status;       /* what the pending suspension returns */
  void (*on_cancel)(wasio__task *t); /* detaches a cancellable wait */
  void *wait_data;       /* what on_cancel detaches */
  wasio__list *drop_node; /* an uncancellable wait's node, for a drop */
  wasio__timer timer;    /* its sleep, or its wait's time limit */
  /* cancellation (scope.c) */
  int cancel_requests;   /* Task.cancelling() */
  uint32_t nscopes;      /* scopes entered and not exited */
  char *cancel_msg;
  wasio_scope *scopes;   /* innermost cancel scope */
  wasio__opened *opened; /* its task groups not exited, newest first */
  /* waiting on tasks (combinators.c) */
  const wasio_task *watching; /* in await/gather/...: on what */
  size_t nwatching;
  uint32_t visit;        /* cycle search mark */
  /* the outcome and who is told */
  int status;
  void *result;
  char *message;         /* detailed message of status, or NULL */
  int err_code;          /* the task's current error (wasio_fail, await) */
  uint32_t order;        /* registrations of waiters and done callbacks */
  char *err_message;
  wasio__list waiters;   /* its wasio__waiters */
  wasio__done_cb *done_cbs;
  /* ownership */
  uint64_t gen;
  uint32_t slot;
  uint32_t pins;         /* wasio's own references (hold/drop, done cbs) */
  wasio__task *prev_all, *next_all; /* the loop's list of live tasks */
  /* identity */
  uint32_t id;
  int line;
  wasio_fn fn;
  void *arg;
  const char *file;
  char name[32];         /* read it with wasio__task_name */
};

wasio__task *wasio__task_get(wasio_task h, int *err);
/* Its name: "Task-<id>" unless one was given. */
const char *wasio__task_name(const wasio__task *t);
wasio_task wasio__task_handle(const wasio__task *t);
wasio__task *wasio__current(void);
/* The calling task, or NULL with *err set: WASIO_ENOLOOP ("<what>: not
 * called from a task...") outside one, WASIO_ESTATE inside a trace hook
 * or an inspect visitor, or in a step task (it has no stack to suspend,
 * nor frames to hold a scope). Inline: every await point asks. */
wasio__task *wasio__need_task_slow(const char *what, int *err);
static inline wasio__task *wasio__need_task(const char *what, int *err);
/* name NULL: "Task-<id>" */
int wasio__task_spawn(wasio_loop *loop, wasio_fn fn, void *arg,
                      const char *name, wasio__task **out);
/* The step task that may arm a wait now: the caller of `what` must be the
 * running step task whose wasio_step is `s`, with no wait requested yet. */
wasio__task *wasio__step_arming(wasio_step *s, const char *what, int *err);
/* A step request's wait is armed (its on_cancel set, if cancellable): the
 * task waits, and `finish` makes the outcome of the wake status. Returns
 * WASIO_PENDING. */
enum {
  WASIO__FINISH_WOKEN = 0,  /* wasio__woken: 0, or cancelled */
  WASIO__FINISH_YIELD_ONCE, /* a cancelled task's yield (task.c) */
  WASIO__FINISH_AWAIT       /* wasio__step_await_finish */
};
int wasio__step_wait(wasio__task *t, int finish);
/* The wait's outcome, or WASIO_PENDING when it re-armed (an await whose
 * awaiting task was cancelled waits for the awaited task to finish). */
int wasio__step_await_finish(wasio__task *self, int rc);
/* A step task's step part, allocated right behind its record (task.c,
 * task_new), or NULL for an ordinary task; and the task a part belongs
 * to. */
#define WASIO__TASK_STEP(t) ((t)->is_step ? (wasio__step *)((t) + 1) : NULL)
#define WASIO__STEP_TASK(s) ((wasio__task *)(s) - 1)
/* The outcome of a wait that wakes with 0, or cancelled (or with its
 * stack overflowed): a sleep's, an Event's. */
int wasio__woken(wasio__task *t, int rc);
void wasio__task_run(wasio_loop *loop, wasio__task *t);
void wasio__task_free_all(wasio_loop *loop);
/* A reference of wasio's own (a runner's or a loop's on its main task):
 * the task is not freed while held, whatever its handle's owner does. */
void wasio__task_hold(wasio__task *t);
void wasio__task_drop(wasio__task *t);
/* add_done_callback for wasio's own use: cb runs soon after t is done, in
 * `context` (taken over; released on failure), pinned until it has run.
 * WASIO_ENOMEM without a message. */
int wasio__task_on_done(wasio__task *t, wasio_done_cb cb, void *arg,
                        wasio_context *context);
/* o is open in t's frames until closed (wasio__opened). */
void wasio__task_open(wasio__task *t, wasio__opened *o);
void wasio__task_close(wasio__task *t, wasio__opened *o);
/* Suspends the current task until wasio__wake(); returns the wake status.
 * The wait is cancellable when the task set on_cancel before: a
 * cancellation calls it (to detach the task from what it waits for) and
 * wakes the task with WASIO_ECANCELLED; one that arrives after the wake,
 * while the task is ready to resume, turns a wake status of 0 into
 * WASIO_ECANCELLED at the resume. wasio__stay is the on_cancel of a wait
 * with nothing to detach. */
int wasio__suspend(void);
void wasio__stay(wasio__task *t);
void wasio__wake(wasio__task *t, int status);
void wasio__waiter_add(wasio__task *target, wasio__waiter *w);
void wasio__waiter_remove(wasio__waiter *w);
void wasio__outcome_fill(const wasio__task *t, wasio_outcome *out);
void wasio__outcome_set(wasio_outcome *out, int status, void *result,
                        const char *message);
/* Parks the current task on `queue` (FIFO) until wasio__unpark. Returns 0
 * when served, WASIO_ECANCELLED when cancelled first (the node is gone),
 * WASIO__SERVED_CANCELLED when served and then cancelled before it could
 * resume: the primitive passes on what it handed over (as asyncio's waiter
 * that raises leaves the lock, permit or item to the next one) and fails,
 * or keeps it and calls wasio__keep. */
#define WASIO__SERVED_CANCELLED 1
int wasio__park(wasio__list *queue, wasio__parked *p);
/* The same wait for a step task: parks it and returns (wasio__step_wait
 * follows); the outcome is the wake status, WASIO_ECANCELLED or 0. */
void wasio__park_step(wasio__list *queue, wasio__parked *p);
/* The same wait, not cancellable: returns once served. */
void wasio__park_shielded(wasio__list *queue, wasio__parked *p);
/* Served, then cancelled: the task keeps what it was handed and sees the
 * cancellation at its next await point (it ends with its result if it
 * returns before one). */
void wasio__keep(wasio__task *t);
/* Serves the first parked task of `queue` (if any): 1 if one was woken. */
int wasio__unpark_first(wasio__list *queue, intptr_t data);
void wasio__unpark(wasio__parked *p, intptr_t data);
/* Gives the reserve held for running tasks back to malloc, when a
 * suspension finds no memory (1 if there was one to give); lent to the
 * coroutine backend as its release_reserve hook. */
int wasio__reserve_release(void);
/* After a wasm trap: "task X overflowed its N-byte stack..." into buf if
 * the stack limit was what stopped it (1), else 0 (always natively). */
int wasio__stack_trap_report(char *buf, size_t len);

/* ------------------------------------------------------- loop.c: the loop */
struct wasio_loop {
  /* the host and its clock */
  const wasio__host_ops *host;
  void *host_state;     /* the host's own (host->open) */
  uint64_t epoch;       /* host time at creation */
  /* the ready queue */
  wasio__ready *ready_head, *ready_tail;
  size_t ready_len;
  uint64_t slice_ns;    /* a step's budget; 0: none */
  /* the timers */
  wasio__heap timers;
  uint64_t timer_seq;   /* arming order */
  wasio__timer **aside; /* due timers armed by the iteration under way */
  size_t aside_len, aside_cap;
  /* the tasks (task.c) */
  wasio__task all;      /* sentinel of every live task */
  char what[48];        /* what the running task is about to wait on, for
                           traces (wasio__waiting_on) */
  size_t live;          /* tasks not done */
  wasio__task *current;
  uint32_t next_id;
  uint32_t visit;       /* the last cycle search's mark (combinators.c) */
  size_t stack_size;
  void **stack_cache;   /* free stacks of stack_size bytes */
  size_t stack_cache_len;
  /* the life cycle */
  int phase;
  int implicit;         /* the implicit loop: runs until no task is left */
  uint8_t runner_owned; /* a Runner drives it: no stepping or closing */
  int in_hook;          /* in a trace hook or an inspect visitor: suspending
                           is refused */
  wasio__task *main;
  wasio_outcome main_outcome;
  /* what can wake it from outside */
  wasio__list fd_waiters;   /* wasio__fdwait, in arrival order (io.c) */
  size_t external;          /* outside events awaited (JS promises) */
  volatile int interrupted; /* SIGINTs the host saw, not yet handled */
  /* reports (report.c) and what outlives its tasks */
  wasio_exception_handler handler;
  void *handler_arg;
  size_t lost_errors;       /* failed tasks nobody retrieved, reported */
  wasio__list resources;    /* resources.c */
  wasio__list group_errors; /* TaskGroup errors kept after exit */
  /* options */
  wasio_run_opts opts;
  uint64_t slow_ns;     /* debug: slow callback threshold */
};

/* task.c's wasio__need_task, here where the loop's fields are known. */
static inline wasio__task *wasio__need_task(const char *what, int *err) {
  wasio_loop *loop = wasio__running;
  wasio__task *t = loop ? loop->current : NULL;
  return t != NULL && !loop->in_hook && !t->is_step
             ? t
             : wasio__need_task_slow(what, err);
}

/* --------------------------------------------------------------- callback.c
 * call_soon, call_later, call_at. */
typedef struct wasio__callback {
  wasio__ready rq;
  wasio__timer timer;
  wasio_loop *loop;
  wasio_cb cb;
  void *arg;
  wasio_context *context;
  uint32_t slot;
  uint64_t gen;
  uint8_t cancelled;
} wasio__callback;
/* context NULL: a copy of the current one; else the callback takes it. */
int wasio__call_soon(wasio_loop *loop, wasio_cb cb, void *arg,
                     wasio_context *context, wasio_handle *out);
void wasio__callback_run(wasio_loop *loop, wasio__callback *c);
void wasio__callbacks_free(wasio_loop *loop);

/* ------------------------------------------------------------------ scope.c
 * Cancellation: requests, scopes, timeouts, shields. */

/* 1 if an await point of t must fail now: a cancelled scope (up to the
 * first shield) or a cancellation request on the task itself. Inline for
 * the common case (no scope, no overflow): every switch asks. */
int wasio__cancelled_scoped(const wasio__task *t);
static inline int wasio__cancelled(const wasio__task *t) {
  if (t->scopes == NULL && !t->overflowed) return t->cancel_requests > 0;
  return wasio__cancelled_scoped(t);
}
/* Wakes t with WASIO_ECANCELLED if it waits cancellably and is cancelled. */
void wasio__deliver(wasio__task *t);
int wasio__cancel(wasio__task *t, const char *msg);
/* Task.cancelling(): requests, and scopes whose cancellation counts. */
int wasio__cancelling(const wasio__task *t);
/* The error an await point returns when the task is cancelled; the
 * request counts as delivered. */
int wasio__cancelled_error(wasio__task *t);
/* At the start of an await point: 0 if t is not cancelled; else t yields
 * once (the tasks already ready run first, as asyncio's await of a
 * cancelled task does) and then gets its cancellation error, unless the
 * cancellation was taken back meanwhile (0). */
int wasio__checkpoint_cancelled(wasio__task *t);
static inline int wasio__checkpoint(wasio__task *t) {
  return wasio__cancelled(t) ? wasio__checkpoint_cancelled(t) : 0;
}
/* wasio_timeout_enter, its errors naming `what`. */
int wasio__timeout_enter(wasio_scope *s, double seconds, const char *what);
/* The scope's deadline no longer fires. */
void wasio__scope_disarm(wasio_scope *s);
/* The frames that held t's open scopes are gone (the body returned inside
 * them, or an overflow abandoned the task): forgets every deadline of a
 * scope in t's stack without reading the scopes themselves. */
void wasio__scopes_forget(wasio__task *t);

/* ------------------------------------------------------------------ trace.c
 * Task events for opts.trace. wasio__waiting_on formats what the current
 * task is about to wait on, only when someone listens: the test keeps the
 * switch path free of a call when nobody does. */
void wasio__trace(wasio__task *t, wasio_trace_kind kind, const char *detail,
                  int status);
void wasio__waiting_on_(wasio__task *t, const char *fmt, ...)
    WASIO__PRINTF(2, 3);
#define WASIO__TRACING(loop) ((loop)->opts.trace != NULL)
#define wasio__waiting_on(t, ...)                                          \
  do {                                                                     \
    if (WASIO__TRACING((t)->loop)) wasio__waiting_on_((t), __VA_ARGS__);   \
  } while (0)

/* ----------------------------------------------------------------- report.c
 * To the loop's exception handler. wasio__report names task t (NULL: none)
 * and where it was created. */
void wasio__report(wasio_loop *loop, const char *message, int code,
                   const char *error, const wasio__task *t);
void wasio__report_at(wasio_loop *loop, const char *message, int code,
                      const char *error, const char *task,
                      const char *created_at);

/* -------------------------------------------------------------- resources.c
 * Step 5 of a run, the shutdown hooks: closes what is still registered,
 * newest first. */
void wasio__close_resources(wasio_loop *loop);

#endif /* WASIO_INTERNAL_H */
