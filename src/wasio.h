/*
 * wasio: Python's asyncio.run() world in C, compiled to WebAssembly.
 *
 * This header is the whole contract. Tasks are plain C functions running as
 * stackful coroutines: a task calls wasio_sleep(), wasio_await() and friends
 * as if they blocked, and each of those calls is a switch back to the loop.
 *
 * Conventions (libuv's):
 *   - every public name starts with wasio_ / WASIO_;
 *   - a function that can fail returns int: 0 (or a documented non-negative
 *     value) on success, a negative WASIO_E... code on failure. Out values go
 *     through pointers. wasio_err_name() and wasio_strerror() name a code;
 *     wasio_error_message() gives the detailed message of the last failure
 *     seen by the calling task.
 *   - "suspends" in a doc comment means the call switches to the loop and
 *     other tasks run before it returns. Only calls marked so ever switch.
 */
#ifndef WASIO_H
#define WASIO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASIO_VERSION_MAJOR 0
#define WASIO_VERSION_MINOR 1
#define WASIO_VERSION_PATCH 0
#define WASIO_VERSION_STRING "0.1.0"

/* ---------------------------------------------------------------- errors */

/* XX(name, value, message). Codes at or below WASIO_EUSER are free for
 * programs to use as their own task error codes. */
#define WASIO_ERRNO_MAP(XX)                                                  \
  XX(EINVAL, -1, "invalid argument")                                         \
  XX(ENOMEM, -2, "out of memory")                                            \
  XX(ECANCELLED, -3, "task was cancelled")                                   \
  XX(ETIMEDOUT, -4, "operation timed out")                                   \
  XX(ENOLOOP, -5, "no running event loop")                                   \
  XX(ENESTED, -6, "wasio_run() cannot be called from a running event loop")  \
  XX(ECLOSED, -7, "event loop is closed")                                    \
  XX(ESTALE, -8, "task handle refers to a task that was freed")              \
  XX(ESELF, -9, "a task cannot await itself")                                \
  XX(EDEADLK, -10, "deadlock: tasks are waiting and nothing can wake them")  \
  XX(ESTATE, -11, "operation not valid in the current state")                \
  XX(ESTACK, -12, "task stack overflow")                                     \
  XX(EINTR, -13, "interrupted")                                              \
  XX(EFAIL, -14, "task failed")                                              \
  XX(ENOTSUP, -15, "operation not supported on this host")                   \
  XX(EIO, -16, "input/output error")                                         \
  XX(EGROUP, -17, "one or more tasks of a task group failed")                \
  XX(EEMPTY, -18, "queue is empty")                                          \
  XX(EFULL, -19, "queue is full")                                            \
  XX(ESHUTDOWN, -20, "queue is shut down")                                   \
  XX(EBADF, -21, "bad file descriptor")                                      \
  XX(EJS, -22, "a JavaScript promise was rejected")

typedef enum {
#define WASIO__ERR_ENUM(name, value, msg) WASIO_##name = value,
  WASIO_ERRNO_MAP(WASIO__ERR_ENUM)
#undef WASIO__ERR_ENUM
  WASIO_EUSER = -1000
} wasio_errno;

/* "EINVAL" etc. for a wasio code, "EUSER" for a user code (<= WASIO_EUSER),
 * "UNKNOWN" otherwise. Never NULL. */
const char *wasio_err_name(int code);

/* The fixed message of a code ("invalid argument"). Never NULL. */
const char *wasio_strerror(int code);

/* The detailed message of the last failure in the calling task (or, outside
 * any task, of the last failure on this thread): "wasio_sleep: delay must be
 * a finite number >= 0 (got -1)". When a task fails and another awaits it,
 * the awaiter sees the failed task's code *and* message, like an exception
 * travelling up. Valid until the next failing wasio call. Never NULL. */
const char *wasio_error_message(void);

/* Raise an error from a task: records `code` with a printf-style message as
 * the calling task's current error and returns `code`, so a task body can
 * write `return wasio_fail(WASIO_EUSER - 1, "bad row %d", i);`. `code` must
 * be negative (WASIO_EINVAL otherwise). */
int wasio_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---------------------------------------------------------- private types
 * Embedded in the structs that users allocate (scopes, locks, queues...).
 * Their fields belong to wasio: do not read or write them. */
typedef struct wasio__list {
  struct wasio__list *prev, *next;
} wasio__list;

typedef struct wasio__timer {
  uint64_t when; /* loop time, ns */
  uint64_t seq;  /* tie-break: equal deadlines fire in arming order */
  void (*fire)(struct wasio__timer *);
  uint32_t index; /* position in the heap; UINT32_MAX when not armed */
  int kind;      /* whose: a task's own, a scope's, a callback's */
} wasio__timer;

/* ------------------------------------------------------------------ types */

typedef struct wasio_loop wasio_loop;
typedef struct wasio_context wasio_context;

/* A task handle: a small value, safe to copy. A handle outlives its task
 * safely: once the task is freed, every call with the handle returns
 * WASIO_ESTALE instead of touching freed memory (its 64-bit generation
 * never comes round again). The zero value is never a valid task. */
typedef struct wasio_task {
  uint32_t slot;
  uint64_t gen;
} wasio_task;

/* A callback scheduled with wasio_call_soon/later/at (asyncio's Handle and
 * TimerHandle): a value like wasio_task. */
typedef struct wasio_handle {
  uint32_t slot;
  uint64_t gen;
} wasio_handle;

/* A task body. Return 0 to finish with a result (store it in *result; it
 * starts as NULL), or a negative code to finish with an error (see
 * wasio_fail). Returning WASIO_ECANCELLED finishes the task as cancelled. A
 * positive return value is a programming error: the task fails with
 * WASIO_EINVAL. */
typedef int (*wasio_fn)(void *arg, void **result);

/* A plain callback, run by the loop outside any task: it cannot suspend. */
typedef void (*wasio_cb)(void *arg);

/* Which clock (and so which host) a loop runs on: the loop factory. */
typedef enum {
  WASIO_CLOCK_REAL = 0,   /* the platform: POSIX poll, WASI poll_oneoff, JS */
  WASIO_CLOCK_VIRTUAL = 1 /* jumps to the next deadline when idle: exact
                             times, no real waiting (Trio's autojump) */
} wasio_clock;

/* Task events, as they happen: for timelines, traces and the playground. */
typedef enum {
  WASIO_TRACE_CREATED = 0,   /* a task was created */
  WASIO_TRACE_STARTED = 1,   /* it runs for the first time */
  WASIO_TRACE_WAITING = 2,   /* it suspended; detail says on what */
  WASIO_TRACE_RESUMED = 3,   /* it runs again */
  WASIO_TRACE_DONE = 4,      /* it finished with a result */
  WASIO_TRACE_ERROR = 5,     /* it finished with an error (status, detail) */
  WASIO_TRACE_CANCELLED = 6, /* it finished cancelled */
  WASIO_TRACE_TIMER = 7,     /* a timer of the task fired */
  WASIO_TRACE_RENAMED = 8    /* wasio_task_set_name; detail: the old name */
} wasio_trace_kind;

typedef struct wasio_trace_event {
  wasio_trace_kind kind;
  double time;        /* the loop's clock, seconds */
  uint32_t task_id;   /* 1 for the first task of the loop, and so on */
  const char *task;   /* its name */
  const char *detail; /* "sleep 1.000s", "await Task-3", an error message;
                         "" when there is nothing to say */
  int status;         /* for ERROR: the code */
  /* Where in the program (see "call sites" at the end of this header):
   * for WAITING the call of the await point the task waits in, for
   * CREATED the call that created it; NULL and 0 when not known. */
  const char *file;
  int line;
  /* For CREATED: the task function's name as the creating call wrote it
   * ("say_after"); NULL when not known. */
  const char *fn;
} wasio_trace_event;

typedef void (*wasio_trace_fn)(const wasio_trace_event *ev, void *arg);

/* The names "created", "started", ... of a wasio_trace_kind. */
const char *wasio_trace_kind_name(wasio_trace_kind kind);

/* Where debug lines and the default exception handler's reports go. */
typedef void (*wasio_log_fn)(const char *line, void *arg);

/* Times and delays are seconds, as doubles, on the loop's clock, which
 * counts 64-bit nanoseconds. One rule holds for every call that takes
 * one: NaN is refused (WASIO_EINVAL); past WASIO_TIME_MAX seconds (about
 * 317 years), +INFINITY included, a value means "never". Where never makes
 * sense it is taken (a timeout scope without deadline, a wait without
 * limit); elsewhere it is refused with WASIO_EINVAL (a sleep, a callback
 * or a clock step that would never end). So is a deadline past the end of
 * the loop's clock, about 1.38e10 s after its start, where a virtual clock
 * stops (only wasio_loop_advance and long sleeps get near it). */
#define WASIO_TIME_MAX 1e10

typedef struct wasio_run_opts {
  wasio_clock clock;
  /* Bytes of C stack per task; 0 picks the default (256 KiB natively, of
   * which only touched pages cost memory, and 16 KiB in wasm). At most
   * 1 GiB (WASIO_EINVAL past it). */
  size_t stack_size;
  /* Nonzero: debug mode. The steps of wasio_run() are logged as they
   * happen; a task step or callback that runs longer than
   * slow_callback_duration is reported; tasks whose outcome nobody looked
   * at and resources never closed are reported with where they were
   * created. */
  int debug;
  double slow_callback_duration; /* seconds, up to WASIO_TIME_MAX; 0: 0.1,
                                    as asyncio */
  /* Host-driven loops: a step hands control back to the host after this
   * many seconds even if more is ready, so a page stays responsive while
   * thousands of tasks run. 0: 8 ms on the JS host, no limit elsewhere.
   * Up to WASIO_TIME_MAX. */
  double time_slice;
  wasio_log_fn log;              /* NULL: stderr */
  void *log_arg;
  /* Called for every task event (NULL: none; costs one test per event).
   * The hook runs in the middle of a task switch: it may read (names,
   * states, wasio_now) and schedule (wasio_call_soon), but every call
   * that would suspend returns WASIO_ESTATE there. */
  wasio_trace_fn trace;
  void *trace_arg;
} wasio_run_opts;

/* How a task ended: status 0 (result), a negative error code with its
 * message, or WASIO_ECANCELLED (with the cancel message, if one was given).
 * Messages longer than the buffer are cut and end in "...". */
typedef struct wasio_outcome {
  int status;
  void *result;
  char message[256];
} wasio_outcome;

/* Task states, as wasio_task_state() reports them. */
typedef enum {
  WASIO_TASK_PENDING = 0, /* created, not started yet */
  WASIO_TASK_RUNNING = 1, /* the current task */
  WASIO_TASK_WAITING = 2, /* suspended in an await point, or ready to resume */
  WASIO_TASK_DONE = 3     /* finished: result, error or cancelled */
} wasio_task_state_t;

/* ---------------------------------------------------------------- running */

/* Python style: asyncio.run(main()).
 *   1. refuses to start inside a running loop (WASIO_ENESTED, with the
 *      message "wasio_run() cannot be called from a running event loop");
 *      the running loop is unharmed;
 *   2. creates a fresh loop on the clock opts chooses (the loop factory);
 *   3. wraps main(arg) in a task and runs the loop until it is done;
 *   4. cancels every task still pending and runs the loop until they have
 *      all finished, so their cleanup runs; errors they end with go to the
 *      exception handler;
 *   5. runs the shutdown hooks: every resource still registered is closed,
 *      newest first (asyncio's shutdown_asyncgens and
 *      shutdown_default_executor);
 *   6. closes the loop and frees everything it owned.
 * Blocks the caller throughout. `opts` may be NULL. `out` (may be NULL)
 * receives main's outcome. Returns main's status: 0, its error code, or
 * WASIO_ECANCELLED. Errors of its own: WASIO_EINVAL (main is NULL),
 * WASIO_ENESTED, WASIO_ENOTSUP (a host that cannot block, as the JS host:
 * drive it with wasio_loop_step()), WASIO_ENOMEM, WASIO_EDEADLK (main waits
 * on something that nothing will ever complete). */
int wasio_run(wasio_fn main, void *arg, const wasio_run_opts *opts,
              wasio_outcome *out);

/* asyncio.Runner: several mains on one loop and one task-local context.
 * The loop is created lazily by the first run (or get_loop). Each run
 * drives the loop until that main is done; tasks it leaves behind stay for
 * the next run. Close does steps 4 to 6 of wasio_run; it is idempotent, and
 * any use after it returns WASIO_ECLOSED. The struct is the caller's; its
 * fields are private. */
typedef struct wasio_runner {
  wasio_loop *_loop;
  wasio_context *_context;
  wasio_run_opts _opts;
  uint32_t _magic;
  int _closed;
} wasio_runner;

int wasio_runner_init(wasio_runner *r, const wasio_run_opts *opts);
/* Runs main(arg) to completion. `context` NULL: the runner's own context,
 * shared by every run (what main sets there, the next main sees); else main
 * runs in that context. Returns main's status, as wasio_run. */
int wasio_runner_run(wasio_runner *r, wasio_fn main, void *arg,
                     wasio_context *context, wasio_outcome *out);
/* The runner's loop, created if need be: for the exception handler, debug
 * flags, wasio_loop_is_running. It stays the Runner's: wasio_loop_step and
 * wasio_loop_close refuse it (WASIO_ESTATE). */
int wasio_runner_get_loop(wasio_runner *r, wasio_loop **out);
int wasio_runner_close(wasio_runner *r);

/* A loop's life, in phases (the same for wasio_run, a Runner, the implicit
 * loop and a host-driven loop):
 *   new       created (wasio_loop_new, or lazily by a run); no task yet
 *   main      its tasks run until the main task is done (the implicit
 *             loop: until no task is left)
 *   shutdown  every task left was cancelled; it runs until they are done
 *   done      resources closed; it only waits to be freed
 *   closing   being freed: creating tasks, scheduling callbacks and
 *             registering resources return WASIO_ESTATE (an exception
 *             handler called for the reports of the close, say)
 * One loop runs on a thread at a time. A call that would run or free a
 * loop (wasio_run, wasio_runner_run/close, wasio_loop_step/close,
 * wasio_implicit_run) made from a task or callback of a running loop is
 * refused, and the running loop is unharmed: WASIO_ESTATE if it is that
 * same loop, WASIO_ENESTED if it is another. Only a loop that never
 * started may be freed from inside another (it is only memory). A
 * Runner's loop is driven and closed by the Runner alone. */

/* Host-driven use, for an embedder that owns the outer loop (the JS host,
 * a game loop): the loop never blocks; the embedder calls wasio_loop_step()
 * whenever the delay it returned has passed.
 *
 * wasio_loop_new: a fresh loop (NULL opts: defaults).
 * wasio_loop_start: wraps main(arg) in the loop's main task; once per loop.
 * wasio_loop_step: one iteration, in asyncio's order: runs every task and
 *   callback that was ready when the iteration began, then the timers that
 *   were due by then (a task a timer wakes resumes in the next iteration;
 *   see wasio_cancel for what that order means). Returns 1 while
 *   there is more to do, with *delay set to the seconds until the next step
 *   is due (0: now; -1: nothing is scheduled, only an outside event can make
 *   progress); returns 0 once the main task and the shutdown after it (as
 *   wasio_run's steps 4 and 5) are done, or a negative code on failure.
 * wasio_loop_close: frees the loop, cancelling and finishing whatever is
 *   left first if the run was not complete; `out` receives main's outcome.
 *   Returns main's status as wasio_run() does. */
int wasio_loop_new(wasio_loop **out, const wasio_run_opts *opts);
int wasio_loop_start(wasio_loop *loop, wasio_fn main, void *arg);
int wasio_loop_step(wasio_loop *loop, double *delay);
int wasio_loop_close(wasio_loop *loop, wasio_outcome *out);

/* For a host-driven loop on the virtual clock: moves its clock forward by
 * `seconds`, the stand-in for waiting the delay wasio_loop_step() returned.
 * WASIO_ENOTSUP on a real clock, WASIO_EINVAL for a NULL loop or a delay
 * that is negative, NaN, past WASIO_TIME_MAX or past the clock's end. */
int wasio_loop_advance(wasio_loop *loop, double seconds);

/* Node style (seed 003's comparison): from plain code outside any loop,
 * wasio_spawn schedules fn(arg) on the thread's implicit loop, created on
 * first use (with the options of wasio_implicit_init, or the defaults).
 * Nothing runs until the program's main() returns: then an exit hook runs
 * the implicit loop for as long as any task is pending, as Node keeps a
 * process alive while work is pending, and the process exits; with status
 * 1 if a task failed and nobody retrieved its error. Inside a running loop,
 * wasio_spawn is wasio_create_task(NULL, fn, arg).
 * wasio_implicit_run runs the implicit loop at once until no task is left
 * and frees it (what the exit hook does); it returns 0, or WASIO_EFAIL if a
 * spawned task's error went unretrieved. */
int wasio_spawn(wasio_fn fn, void *arg);
int wasio_implicit_init(const wasio_run_opts *opts);
int wasio_implicit_run(void);
/* The implicit loop (NULL before the first spawn): a host-driven embedder
 * steps it with wasio_loop_step, which returns 0 once no task is left. */
wasio_loop *wasio_implicit_loop(void);

/* asyncio.get_running_loop: the running loop in *out, or WASIO_ENOLOOP
 * ("no running event loop") outside one. */
int wasio_get_running_loop(wasio_loop **out);

/* The loop's clock: seconds since the loop was created, monotonic. On the
 * virtual clock it only moves when the loop jumps to a deadline. Returns -1
 * outside a running loop. */
double wasio_now(void);

/* loop.is_running(): 1 while `loop` is the running loop of this thread. */
int wasio_loop_is_running(const wasio_loop *loop);

/* 1 if `loop` runs in debug mode. */
int wasio_loop_get_debug(const wasio_loop *loop);

/* ------------------------------------------------------ looking inside
 * What a loop holds, item by item: for a debugger, a REPL, the
 * playground's "inside the loop" view. asyncio keeps most of this private
 * (loop._ready, loop._scheduled); all_tasks() is its public part. */

/* A loop's phase (see "A loop's life" above). */
typedef enum {
  WASIO_PHASE_NEW = 0,
  WASIO_PHASE_MAIN = 1,
  WASIO_PHASE_SHUTDOWN = 2,
  WASIO_PHASE_DONE = 3
} wasio_loop_phase;

typedef enum {
  WASIO_INSPECT_LOOP = 0,           /* the loop itself */
  WASIO_INSPECT_READY_TASK = 1,     /* ready: a task's turn (start, resume) */
  WASIO_INSPECT_READY_CALLBACK = 2, /* ready: a callback (call_soon, a due
                                       call_later, a done callback...) */
  WASIO_INSPECT_SLEEP = 3,          /* timer: a task's wasio_sleep */
  WASIO_INSPECT_WAIT = 4,           /* timer: the time limit of a task's
                                       wasio_wait or as_completed */
  WASIO_INSPECT_TIMEOUT = 5,        /* timer: a timeout scope's deadline */
  WASIO_INSPECT_CALL_LATER = 6,     /* timer: a call_later/call_at callback */
  WASIO_INSPECT_TASK = 7            /* a task that is not done */
} wasio_inspect_kind;

/* "loop", "ready_task", "ready_callback", "sleep", "wait", "timeout",
 * "call_later", "task"; "unknown" for anything else. */
const char *wasio_inspect_kind_name(wasio_inspect_kind kind);

typedef struct wasio_inspect_item {
  wasio_inspect_kind kind;
  /* LOOP: the loop's clock (wasio_now() inside it); a timer: its deadline
   * on that clock; else 0. */
  double time;
  /* The task the item is about (READY_TASK, SLEEP, WAIT, TIMEOUT, TASK):
   * its handle, its id (as in trace events) and its name. The zero
   * handle, 0 and "" for a callback and for the loop. */
  wasio_task task;
  uint32_t task_id;
  const char *name;
  /* LOOP: its wasio_loop_phase; TASK: its wasio_task_state_t; else 0. */
  int state;
  /* That state in a word: "new", "main", "shutdown", "done" (LOOP);
   * "pending", "running", "waiting" (TASK); "" for the other kinds. */
  const char *detail;
  /* LOOP only: how many ready, timer and task items follow it. */
  size_t ready, timers, tasks;
} wasio_inspect_item;

/* Returns 0 to go on; anything else ends the walk. */
typedef int (*wasio_inspect_fn)(const wasio_inspect_item *item, void *arg);

/* Calls visit(item, arg) for each thing `loop` holds, in this order:
 *   1. the loop (LOOP), once: its clock, phase, and how many items of
 *      each part follow;
 *   2. the ready queue, in the order it will run (READY_TASK,
 *      READY_CALLBACK); a cancelled callback, which will not run, is not
 *      in it;
 *   3. the armed timers in the order they will fire: soonest first, equal
 *      deadlines in the order they were armed (SLEEP, WAIT, TIMEOUT,
 *      CALL_LATER);
 *   4. the tasks that are not done, oldest first (TASK): all_tasks().
 * Every item is visited: nothing is capped. The call first takes a
 * picture of the loop, then visits it: the items show the loop as it was
 * when the call began, and the timer heap is not disturbed. The item and
 * its strings are valid during the visit only.
 * The visitor may do what its caller could do there: read, cancel a task,
 * schedule a callback, step a host-driven loop between steps, inspect
 * again; what it changes shows in the next picture, not in the rest of
 * this one. It must not suspend: called from a task, every call that
 * would suspend returns WASIO_ESTATE in the visitor, as in a trace hook.
 * Callable from anywhere on the loop's thread: between the steps of a
 * host-driven loop, on the implicit loop (wasio_implicit_loop), on a
 * Runner's loop between runs, from a trace hook, from a task or callback
 * of this loop or another. Does not suspend.
 * Returns 0 once every item was visited, or the first nonzero value visit
 * returned, which ends the walk there (a positive one is never mistaken
 * for an error of wasio's). Errors: WASIO_EINVAL (loop or visit NULL),
 * WASIO_ESTATE (the loop is closing: an exception handler called by
 * wasio_loop_close; once closed, the loop is freed and its pointer must
 * not be used), WASIO_ENOMEM (no memory for the picture: nothing was
 * visited). */
int wasio_loop_inspect(const wasio_loop *loop, wasio_inspect_fn visit,
                       void *arg);

/* After the module trapped (wasm), for the host that caught the trap
 * (a WebAssembly.RuntimeError): the reason wasio knows, such as "task
 * Task-2 overflowed its 16384-byte stack (ESTACK); raise
 * wasio_run_opts.stack_size", or NULL when it knows none. Natively always
 * NULL: an overflow there ends the task with WASIO_ESTACK instead. Call it
 * from the host, not from code running in the module: it moves the stack
 * pointer off the trapped task's stack, whose frames are gone. The WASI
 * build exports it under this name. */
const char *wasio_trap_reason(void);

/* --------------------------------------------------- errors nobody awaited
 * asyncio's loop exception handler. It is called for a task that failed
 * and was freed without anyone retrieving its error ("Task exception was
 * never retrieved"), for errors of tasks cancelled at shutdown, and in
 * debug mode for tasks never awaited and resources never closed. */
typedef struct wasio_exception_context {
  const char *message;    /* what happened */
  int code;               /* the error, or 0 */
  const char *error;      /* the error's message, or NULL */
  const char *task;       /* the task's name, or NULL */
  const char *created_at; /* "file.c:42" where it was created, or NULL */
} wasio_exception_context;

typedef void (*wasio_exception_handler)(wasio_loop *loop,
                                        const wasio_exception_context *ctx,
                                        void *arg);

/* NULL restores the default, which logs one line per report. */
int wasio_loop_set_exception_handler(wasio_loop *loop,
                                     wasio_exception_handler handler,
                                     void *arg);
void wasio_loop_default_exception_handler(wasio_loop *loop,
                                          const wasio_exception_context *ctx);

/* -------------------------------------------------------------- resources
 * A resource (a connection, a file, a pool) registered with the running
 * loop is closed at shutdown if the program has not closed it: the C
 * counterpart of asyncio finalising async generators and shutting down its
 * executor. Resources close newest first. In debug mode a resource closed
 * by the shutdown is reported as leaked, with where it was registered. */
typedef struct wasio_resource {
  wasio__list _node;
  const char *_name;
  wasio_cb _close;
  void *_arg;
  wasio_loop *_loop;
  const char *_file;
  int _line;
  uint32_t _magic;
} wasio_resource;

int wasio_resource_register_at(wasio_resource *res, const char *name,
                               wasio_cb close, void *arg, const char *file,
                               int line);
#define wasio_resource_register(res, name, close, arg) \
  wasio_resource_register_at(res, name, close, arg, __FILE__, __LINE__)
/* Registering a resource already registered is WASIO_EINVAL. Closes it now
 * (calls close(arg)) and unregisters it; twice is an error (WASIO_ESTATE). */
int wasio_resource_close(wasio_resource *res);

/* ------------------------------------------------------------------ tasks */

/* asyncio.create_task: schedules fn(arg) to start soon on the running loop
 * and returns at once (it does not suspend). The task runs in a copy of the
 * caller's task-local context. *out (may be NULL: a detached task)
 * receives a handle that the caller owns until wasio_task_release(); the
 * loop frees what is left when it closes. Errors: WASIO_ENOLOOP,
 * WASIO_EINVAL (fn is NULL), WASIO_ENOMEM. The macro records where the task
 * was created, for debug mode. */
int wasio_create_task_at(wasio_task *out, wasio_fn fn, void *arg,
                         const char *file, int line);
#define wasio_create_task(out, fn, arg) \
  wasio_create_task_at(out, fn, arg, __FILE__, __LINE__)

/* await task: suspends until `t` is done, then returns its status and, on
 * success, stores its result in *result (result may be NULL). A failed
 * task's code and message become the caller's (see wasio_error_message).
 * A task already done returns at once, without suspending, as often as it
 * is awaited. If the awaiting task is cancelled meanwhile, `t` is cancelled
 * too and the call returns WASIO_ECANCELLED once `t` has finished.
 * Errors: WASIO_ENOLOOP (not in a task), WASIO_EINVAL (not a task handle),
 * WASIO_ESTALE (freed), WASIO_ESELF (t is the caller). */
int wasio_await(wasio_task t, void **result);

/* asyncio.sleep: suspends the calling task for `seconds` on the loop's
 * clock; 0 yields once, letting every other ready task run first.
 * Returns 0, or WASIO_ECANCELLED if the task is cancelled (also when the
 * cancellation arrives after the sleep ended but before the task resumed).
 * Errors: WASIO_ENOLOOP, WASIO_EINVAL (negative or NaN seconds, or more
 * than WASIO_TIME_MAX: unlike asyncio, which sleeps 0 for a negative delay
 * and forever for an infinite one, both are refused as the bugs they
 * usually are). */
int wasio_sleep(double seconds);

/* Task.cancel(msg): requests cancellation. Any code may call it, in a task
 * or a callback of the task's loop, the task itself included. The request
 * is delivered as asyncio delivers it:
 *   - a task waiting in an await point wakes with WASIO_ECANCELLED;
 *   - a task already woken and ready to resume gets WASIO_ECANCELLED from
 *     that await point when it resumes, whatever woke it, except that a
 *     lock, permit, queue item or settled JS promise already handed to it
 *     is kept (it sees the cancellation at its next await point);
 *   - a running task (one that cancels itself) gets it at its next await
 *     point, which still yields once first, so the tasks already ready run
 *     before it fails; a task that returns 0 before reaching one ends
 *     cancelled;
 *   - a task not started yet finishes cancelled without running.
 * Cancellation is level-triggered (Trio's rule, not asyncio's): every later
 * await point in the task fails with WASIO_ECANCELLED too, so it cannot be
 * swallowed by mistake; only wasio_task_uncancel() takes a request back. A
 * task that has seen WASIO_ECANCELLED and returns 0 ends with its result.
 * `msg` (may be NULL) becomes the cancelled outcome's message. Returns 1 if
 * the request was made, 0 if the task was already done; WASIO_EINVAL/
 * WASIO_ESTALE for a bad handle. Does not suspend. */
int wasio_cancel(wasio_task t);
int wasio_cancel_msg(wasio_task t, const char *msg);

/* Task.cancelling(): the number of cancellation requests not taken back,
 * counting one for each expired timeout scope the task is still in (as
 * asyncio's timeout cancels its task and uncancels it at the exit). */
int wasio_task_cancelling(wasio_task t);
/* Task.uncancel(): takes one request back and returns how many remain; at 0
 * the task is no longer cancelled and its await points work again. */
int wasio_task_uncancel(wasio_task t);

/* The handle of the calling task; the zero handle outside a task. */
wasio_task wasio_current_task(void);

/* asyncio.all_tasks: the running loop's tasks that are not done. Stores up
 * to `cap` handles in out (out may be NULL with cap 0) and returns how many
 * there are in all (can be more than cap). WASIO_ENOLOOP outside a loop. */
int wasio_all_tasks(wasio_task *out, size_t cap);

/* A wasio_task_state_t, or WASIO_EINVAL / WASIO_ESTALE. */
int wasio_task_state(wasio_task t);

/* The outcome of a finished task (WASIO_ESTATE if it is not done). Marks the
 * task's error as retrieved. Returns the task's status on success. */
int wasio_task_outcome(wasio_task t, wasio_outcome *out);

/* The task's name ("Task-3" unless named; the main task is "main"), or
 * NULL for a bad handle. set_name copies up to 31 bytes. */
const char *wasio_task_name(wasio_task t);
int wasio_task_set_name(wasio_task t, const char *name);

/* Task.add_done_callback: cb(t, arg) is scheduled with call_soon when the
 * task is done (at once if it already is), in a copy of the task-local
 * context of the caller of add_done_callback. The task's done callbacks
 * and the wake-ups of the tasks awaiting it run in the order they were
 * registered (an awaiter registers when it starts waiting), as in asyncio.
 * Any code may add one, to any task of its loop. remove_done_callback
 * removes every registration of (cb, arg) and returns how many there were. */
typedef void (*wasio_done_cb)(wasio_task t, void *arg);
int wasio_task_add_done_callback(wasio_task t, wasio_done_cb cb, void *arg);
int wasio_task_remove_done_callback(wasio_task t, wasio_done_cb cb,
                                    void *arg);

/* Gives up the caller's handle: the task is freed once it is done (it keeps
 * running if it is not). Later calls with the handle return WASIO_ESTALE. */
int wasio_task_release(wasio_task t);

/* ------------------------------------------------------------------- I/O
 * Waiting for a file descriptor, with the host's poll: POSIX poll()
 * natively, one poll_oneoff call (timers and fds together) under WASI. The
 * JS host has no descriptors (WASIO_ENOTSUP). Suspends until the fd is
 * readable / writable (end of file and errors count: the read or write that
 * follows tells which). Returns 0, WASIO_ECANCELLED, WASIO_EBADF (not an
 * open descriptor, or closed while waited on), WASIO_EINVAL (negative fd),
 * WASIO_ENOLOOP outside a task. */
int wasio_wait_readable(int fd);
int wasio_wait_writable(int fd);

/* ------------------------------------------------------- JavaScript (web)
 * Emscripten build only. JavaScript hands a C task a promise id (web/
 * wasio.mjs: Module.wasioTrack(promise)); wasio_js_await suspends the task
 * until that promise settles, while the loop runs the other tasks. On
 * resolution *value (may be NULL) receives String(result), malloc'd (the
 * caller frees it). A rejection returns WASIO_EJS with the rejection's
 * message ("promise rejected without a message" when it has none).
 * WASIO_EINVAL for an id that was never handed out; WASIO_ECANCELLED. */
int wasio_js_await(int id, char **value);

/* ------------------------------------------------------------ entry points
 * The tasks a host may start by name. A module built with
 * `wasio-cc --target=web` declares them, and JavaScript runs them:
 *   const app = await load(url);  await app.run('main', { virtualTime });
 * Each run starts `main` as the main task of a fresh loop, as wasio_run
 * would; its arg is the run's `const wasio_entry_args *`.
 *
 *   static int greet(void *arg, void **result) {
 *     const char *who = wasio_entry_param(arg, "who", "world");
 *     ...
 *   }
 *   WASIO_ENTRY("greet", greet, .summary = "says hello",
 *               .params = "who=world");
 *
 * What the program writes to stdout becomes the run's log events, stamped
 * with the loop's clock. The registry is in every build (natively and
 * under WASI a program's own main() may look entries up); only the web
 * build's JavaScript host starts them by itself. */
typedef struct wasio_entry wasio_entry;

typedef struct wasio_entry_args {
  const wasio_entry *entry;
  const char *mode;           /* one of entry->modes, or "" when it has none */
  /* The parameters given: "key\0value\0key\0value\0\0"; read them with
   * wasio_entry_param. */
  const char *params;
  const wasio_run_opts *opts; /* the run's options: for plain code's loops */
} wasio_entry_args;

struct wasio_entry {
  const char *name;  /* unique in the program; no NUL, at most 63 bytes */
  wasio_fn main;     /* the main task; arg: const wasio_entry_args * */
  const char *summary;       /* one line for listings, or NULL */
  /* The parameters it reads, for listings and for refusing others:
   * "key=default, key=default"; NULL: it takes none. */
  const char *params;
  const char *const *modes;  /* variants, NULL-terminated, the first the
                                default; NULL: none */
  /* Plain code instead of a main task, called with no loop running: Node's
   * style (the tasks it creates go on the implicit loop, which the run
   * then drives) or code that runs its own loops (wasio_run: in the web
   * build on the virtual clock only, since such a run blocks). Used when
   * main is NULL, or for the mode named plain_mode. */
  int (*plain)(const wasio_entry_args *args);
  const char *plain_mode;
  /* The options its runs start from (debug, slow_callback_duration,
   * stack_size; the host sets the clock and the hooks); NULL: defaults. */
  const wasio_run_opts *opts;
  /* Called before a run starts, to refuse bad parameters with a clear
   * error (return a WASIO_E... code from wasio_fail); args->mode is the
   * mode as asked for, maybe not one of modes. NULL: none. After it, a
   * run is refused (WASIO_EINVAL) for a mode the entry does not have or a
   * parameter its `params` do not name. */
  int (*check)(const wasio_entry_args *args);
  wasio_entry *next; /* the registry's link */
};

/* Adds e to the registry. WASIO_EINVAL for a NULL entry, a name that is
 * empty, too long or already registered, an entry with neither main nor
 * plain, or a plain_mode that is not one of its modes; WASIO_ESTATE for
 * an entry registered already. */
int wasio_entry_register(wasio_entry *e);
/* The message of the first WASIO_ENTRY declaration that was refused (a
 * name given twice, say), or NULL: its constructor has nobody to tell.
 * The web host refuses to load a module that has one. */
const char *wasio_entry_error(void);
void wasio__entry_declare(wasio_entry *e);
/* The entry named `name`, or NULL. */
const wasio_entry *wasio_entry_find(const char *name);
/* The entries in the order they were registered: pass NULL for the first. */
const wasio_entry *wasio_entry_next(const wasio_entry *e);
/* 1 if e's params declare the parameter key[0..len), else 0. */
int wasio_entry_takes_param(const wasio_entry *e, const char *key,
                            size_t len);
/* The value of parameter `key` in this run, or `fallback` if not given.
 * The string lives as long as the run. */
const char *wasio_entry_param(const wasio_entry_args *args, const char *key,
                              const char *fallback);

/* Declares an entry point when the program starts (a constructor, which
 * every build runs before main). After the name and the function, any of
 * the other fields as designated initializers. */
#define WASIO_ENTRY(entry_name, fn, ...)                                 \
  WASIO__ENTRY(__LINE__, entry_name, .main = fn, __VA_ARGS__)
/* The same for plain code (the `plain` field; Node's style). */
#define WASIO_ENTRY_PLAIN(entry_name, fn, ...)                           \
  WASIO__ENTRY(__LINE__, entry_name, .plain = fn, __VA_ARGS__)
/* (named by the line, so that one function may back two entries) */
#define WASIO__ENTRY(line, ...) WASIO__ENTRY_AT(line, __VA_ARGS__)
#define WASIO__ENTRY_AT(line, entry_name, ...)                           \
  static wasio_entry wasio__entry_##line = {.name = entry_name,          \
                                            __VA_ARGS__};                 \
  __attribute__((constructor)) static void wasio__register_##line(void) { \
    wasio__entry_declare(&wasio__entry_##line);                          \
  }                                                                       \
  typedef int wasio__entry_declared_##line

/* -------------------------------------------------------------- callbacks
 * loop.call_soon / call_later / call_at: cb(arg) runs on the loop, outside
 * any task, in a copy of the caller's task-local context taken now (what
 * the caller sets later is not seen). call_soon's callbacks run in FIFO
 * order with the tasks that are ready; a timed one runs in the first
 * iteration that begins at or after its deadline, after that iteration's
 * ready batch, in deadline order (then in the order they were scheduled).
 * `when` is on the loop's clock (wasio_now()); a delay or time already
 * past, negative, or -INFINITY means as soon as possible (asyncio's rule).
 * *out (may be NULL) receives a handle for wasio_handle_cancel. Errors:
 * WASIO_ENOLOOP, WASIO_EINVAL (cb NULL; a delay or time that is NaN, or
 * past WASIO_TIME_MAX: a callback that would never run), WASIO_ENOMEM. */
int wasio_call_soon(wasio_handle *out, wasio_cb cb, void *arg);
int wasio_call_later(wasio_handle *out, double delay, wasio_cb cb, void *arg);
int wasio_call_at(wasio_handle *out, double when, wasio_cb cb, void *arg);
/* 1 if the callback was cancelled before it ran, 0 if it already ran or was
 * cancelled; WASIO_EINVAL for a handle that never was one. */
int wasio_handle_cancel(wasio_handle h);
/* call_soon_threadsafe's single-threaded counterpart: schedules cb on
 * `loop` from outside it, from a host callback between steps (a JS promise
 * settling, a signal noted by the host). */
int wasio_loop_call_soon(wasio_loop *loop, wasio_handle *out, wasio_cb cb,
                         void *arg);

/* ------------------------------------------------------------ combinators */

/* asyncio.gather: suspends until all `n` tasks are done, or until one of
 * them fails. Returns 0 with results[i] set for every task (results may be
 * NULL), or the status of the first task to fail (its message becomes the
 * caller's); the other tasks keep running, as in asyncio. If the gathering
 * task is cancelled, all `n` tasks are cancelled and the call returns
 * WASIO_ECANCELLED once they have finished. n == 0 returns 0 at once.
 * Errors: as wasio_await for any handle, WASIO_EINVAL (tasks NULL, n > 0). */
int wasio_gather(const wasio_task *tasks, size_t n, void **results);

/* gather(..., return_exceptions=True): waits for all `n` tasks and stores
 * each one's outcome, failures included, in outcomes[i]. Returns 0, or
 * WASIO_ECANCELLED if the caller is cancelled (the tasks are cancelled and
 * awaited first, as above). */
int wasio_gather_outcomes(const wasio_task *tasks, size_t n,
                          wasio_outcome *outcomes);

/* asyncio.wait_for: awaits t for at most `seconds`. On time, as
 * wasio_await. When the time is up, t is cancelled, the call waits for it
 * to finish and returns WASIO_ETIMEDOUT. */
int wasio_wait_for(wasio_task t, double seconds, void **result);

/* await asyncio.shield(t): awaits t, but cancelling the caller does not
 * cancel t: the caller gets WASIO_ECANCELLED at once and t runs on. */
int wasio_shield(wasio_task t, void **result);

typedef enum {
  WASIO_FIRST_COMPLETED = 0,
  WASIO_FIRST_EXCEPTION = 1,
  WASIO_ALL_COMPLETED = 2
} wasio_wait_mode;

/* asyncio.wait: suspends until `mode` is met or `timeout` seconds pass
 * (timeout < 0, or past WASIO_TIME_MAX: no limit). Does not raise the tasks' errors and does not
 * cancel them on timeout. Returns how many of the tasks are done; ask each
 * with wasio_task_state. WASIO_ECANCELLED if the caller is cancelled.
 * Errors: WASIO_EINVAL for no tasks (n == 0 or tasks NULL: asyncio.wait
 * raises ValueError), an unknown mode, or a NaN timeout; as wasio_await for
 * a bad handle. */
int wasio_wait(const wasio_task *tasks, size_t n, wasio_wait_mode mode,
               double timeout);

/* asyncio.as_completed: tasks in the order they finish.
 *   wasio_as_completed ac;
 *   wasio_as_completed_init(&ac, tasks, n, timeout);   // < 0: no limit
 *   while ((rc = wasio_as_completed_next(&ac, &t)) == 1) ... t is done ...
 *   wasio_as_completed_close(&ac);
 * next suspends until the next task finishes and returns 1, returns 0 when
 * every task has been produced, WASIO_ETIMEDOUT when the timeout passed
 * first (the tasks run on), WASIO_ECANCELLED if the caller is cancelled. */
typedef struct wasio_as_completed {
  void *_state;
} wasio_as_completed;
int wasio_as_completed_init(wasio_as_completed *ac, const wasio_task *tasks,
                            size_t n, double timeout);
int wasio_as_completed_next(wasio_as_completed *ac, wasio_task *out);
void wasio_as_completed_close(wasio_as_completed *ac);

/* ---------------------------------------------------- cancel scopes, timeouts
 * A scope is a region of a task between enter and exit (exits in reverse
 * order of entry, in the same task). Cancelling a scope makes every await
 * point inside it fail with WASIO_ECANCELLED until the scope exits
 * (level-triggered, as Trio's cancel scopes). A task body that returns
 * inside a scope (or TaskGroup) it never exited fails with WASIO_ESTATE
 * saying so; the loop lets go of the scopes' deadlines, and a group's
 * children are cancelled, their errors reported. */
typedef struct wasio_scope {
  struct wasio_scope *_outer;
  void *_task;
  wasio__timer _timer;
  double _when;         /* the deadline as given; INFINITY: none */
  wasio_handle _soon;   /* a deadline already past expires through this */
  uint32_t _magic;
  uint8_t _shield;
  uint8_t _cancelled;
  uint8_t _expired;
  uint8_t _group;
  uint8_t _counted; /* its cancellation counts in wasio_task_cancelling */
} wasio_scope;

/* asyncio.timeout(seconds): a scope that cancels itself `seconds` from now
 * (INFINITY: never, until rescheduled). timeout_at takes a time on the
 * loop's clock. A deadline already past (a negative delay) expires as soon
 * as the tasks already ready have run, as asyncio's does (call_soon): a
 * body with no await point finishes unharmed, its first await point fails.
 * Exit with the body's status: a WASIO_ECANCELLED caused by this scope's
 * deadline becomes WASIO_ETIMEDOUT; anything else passes through.
 * enter and exit belong to the task (exit in reverse order of entry);
 * EINVAL for a NaN time. */
int wasio_timeout_enter(wasio_scope *s, double seconds);
int wasio_timeout_at_enter(wasio_scope *s, double when);
/* Timeout.reschedule(when): moves the deadline (a time on the loop's
 * clock; INFINITY: none). Any task or callback of the scope's loop may call
 * it (a watchdog extending a worker's deadline), while the scope is
 * entered. WASIO_ESTATE once it has expired or exited; WASIO_EINVAL for a
 * NaN time, a scope never entered, or a caller outside its loop. */
int wasio_timeout_reschedule(wasio_scope *s, double when);
/* The deadline as given (INFINITY: none) and whether it fired: both keep
 * answering after the exit, until the struct is entered again. */
double wasio_timeout_when(const wasio_scope *s);
int wasio_timeout_expired(const wasio_scope *s);
int wasio_timeout_exit(wasio_scope *s, int status);

/* A shielded scope (Trio's shield=True): cancellation from outside it does
 * not reach the await points inside until it exits; cancelling the scope
 * itself still does. Use it for cleanup that must await. */
int wasio_shield_enter(wasio_scope *s);
/* Cancels a scope (Trio's cancel_scope.cancel()): any task or callback of
 * the scope's loop may call it while the scope is entered; WASIO_ESTATE
 * once it has exited. */
int wasio_scope_cancel(wasio_scope *s);
/* Exits any scope; returns `status` (timeouts: see wasio_timeout_exit). */
int wasio_scope_exit(wasio_scope *s, int status);

/* asyncio.TaskGroup:
 *   wasio_taskgroup tg;
 *   wasio_taskgroup_enter(&tg);
 *   wasio_taskgroup_spawn(&tg, NULL, fetch, "a");
 *   wasio_taskgroup_spawn(&tg, NULL, fetch, "b");
 *   rc = wasio_taskgroup_exit(&tg, 0);   // waits for every child
 * The group hears of a child's end as asyncio's does, through a done
 * callback (the next iteration): the first failure it hears of cancels the
 * other children and the body (its await points fail with
 * WASIO_ECANCELLED); children that failed at the same instant all count.
 * exit waits for all children, then returns 0, or WASIO_EGROUP with a
 * message listing every error, the children's in the order the group
 * heard of them and then the body's ("2 tasks failed: Task-3: EUSER: ...;
 * main: ..."), each one readable with wasio_taskgroup_error, like an
 * ExceptionGroup; or WASIO_ECANCELLED if the caller was cancelled from
 * outside. exit frees the group's memory. enter and exit belong to the
 * task; spawn may be called by any task or callback of the group's loop
 * while the group is entered (a child adding work to its own group), and
 * returns WASIO_ESTATE once the group is shutting down after a failure or
 * has exited. */
typedef struct wasio_taskgroup {
  wasio_scope _scope;
  void *_state;
  void *_errors; /* kept after exit; freed by the next enter or the loop */
} wasio_taskgroup;
int wasio_taskgroup_enter(wasio_taskgroup *tg);
int wasio_taskgroup_spawn_at(wasio_taskgroup *tg, wasio_task *out,
                             wasio_fn fn, void *arg, const char *file,
                             int line);
#define wasio_taskgroup_spawn(tg, out, fn, arg) \
  wasio_taskgroup_spawn_at(tg, out, fn, arg, __FILE__, __LINE__)
int wasio_taskgroup_exit(wasio_taskgroup *tg, int status);
/* After an exit that returned WASIO_EGROUP: how many children failed (the
 * body counts as one when it failed), and the i-th one's outcome. They stay
 * readable until the next enter on tg or the loop closes. */
size_t wasio_taskgroup_error_count(const wasio_taskgroup *tg);
int wasio_taskgroup_error(const wasio_taskgroup *tg, size_t i,
                          wasio_outcome *out);

/* ------------------------------------------------------- sync primitives
 * asyncio.Event, Lock, Semaphore, BoundedSemaphore, Condition. All FIFO
 * fair: what is released goes straight to the longest waiter. And
 * cancellation-safe: a waiter cancelled before it was served leaves no
 * trace; one served but cancelled before it resumed fails with
 * WASIO_ECANCELLED, as asyncio's does, and passes what it was handed on
 * (the lock or permit to the next waiter; a Condition's notification to
 * another waiter, after re-acquiring the lock). Every waiting call is a
 * checkpoint: a cancelled task fails there (after yielding once) even if
 * it would not have to wait.
 * The structs are the caller's; init before use (WASIO_EINVAL otherwise).
 * Waiting calls suspend and return 0, WASIO_ECANCELLED, or WASIO_ENOLOOP
 * outside a task. */
typedef struct wasio_event {
  wasio__list _waiters;
  uint32_t _magic;
  int _set;
} wasio_event;
int wasio_event_init(wasio_event *e);
int wasio_event_wait(wasio_event *e);
int wasio_event_set(wasio_event *e);   /* wakes every waiter */
int wasio_event_clear(wasio_event *e);
int wasio_event_is_set(const wasio_event *e);

typedef struct wasio_lock {
  wasio__list _waiters;
  uint32_t _magic;
  int _locked;
} wasio_lock;
int wasio_lock_init(wasio_lock *l);
int wasio_lock_acquire(wasio_lock *l);
/* Hands the lock to the longest waiter, if any. WASIO_ESTATE if unlocked. */
int wasio_lock_release(wasio_lock *l);
int wasio_lock_locked(const wasio_lock *l);

typedef struct wasio_semaphore {
  wasio__list _waiters;
  uint32_t _magic;
  long _value;
  long _bound; /* -1: unbounded */
} wasio_semaphore;
int wasio_semaphore_init(wasio_semaphore *s, long value);
int wasio_bounded_semaphore_init(wasio_semaphore *s, long value);
int wasio_semaphore_acquire(wasio_semaphore *s);
/* BoundedSemaphore: WASIO_ESTATE ("released too many times") past the
 * initial value; any semaphore: WASIO_EINVAL at LONG_MAX. */
int wasio_semaphore_release(wasio_semaphore *s);
int wasio_semaphore_locked(const wasio_semaphore *s); /* value == 0 */
long wasio_semaphore_value(const wasio_semaphore *s);

typedef struct wasio_condition {
  wasio__list _waiters;
  uint32_t _magic;
  wasio_lock *_lock;
  wasio_lock _own_lock;
} wasio_condition;
/* lock NULL: the condition makes its own. */
int wasio_condition_init(wasio_condition *c, wasio_lock *lock);
int wasio_condition_acquire(wasio_condition *c);
int wasio_condition_release(wasio_condition *c);
/* Condition.locked(): 1 while the condition's lock is held, else 0. */
int wasio_condition_locked(const wasio_condition *c);
/* Releases the lock, waits for a notify, re-acquires the lock (even when
 * cancelled: the caller always holds the lock when wait returns).
 * WASIO_ESTATE if the lock is not held. */
int wasio_condition_wait(wasio_condition *c);
/* Waits until pred(arg) is nonzero. */
int wasio_condition_wait_for(wasio_condition *c, int (*pred)(void *arg),
                             void *arg);
int wasio_condition_notify(wasio_condition *c, size_t n);
int wasio_condition_notify_all(wasio_condition *c);

/* ------------------------------------------------------------------ queues
 * asyncio.Queue, LifoQueue and PriorityQueue of void* items. maxsize 0:
 * unbounded. Priority queues hand out the lowest priority first, equal
 * priorities in insertion order. Call wasio_queue_destroy when done: the
 * queue owns its storage. An item put while getters wait goes straight to
 * the first of them; a getter cancelled after it was handed an item but
 * before it resumed fails and gives the item back (to the next getter, or
 * the head of the queue): nothing is lost. A get or put that need not
 * wait does not look at cancellation, as in asyncio. */
typedef enum {
  WASIO_QUEUE_FIFO = 0,
  WASIO_QUEUE_LIFO = 1,
  WASIO_QUEUE_PRIORITY = 2
} wasio_queue_kind;

typedef struct wasio_queue {
  wasio__list _getters, _putters, _joiners;
  uint32_t _magic;
  wasio_queue_kind _kind;
  size_t _maxsize;
  void *_items; /* private storage */
  size_t _len, _cap, _head;
  uint64_t _seq;
  size_t _unfinished;
  int _shutdown;
} wasio_queue;

int wasio_queue_init(wasio_queue *q, wasio_queue_kind kind, size_t maxsize);
void wasio_queue_destroy(wasio_queue *q);
/* put: suspends while the queue is full. WASIO_ESHUTDOWN after shutdown. */
int wasio_queue_put(wasio_queue *q, void *item);
int wasio_queue_put_priority(wasio_queue *q, int64_t priority, void *item);
/* get: suspends while the queue is empty; after shutdown, returns what is
 * left, then WASIO_ESHUTDOWN. */
int wasio_queue_get(wasio_queue *q, void **item);
/* Never suspend: WASIO_EFULL / WASIO_EEMPTY instead. */
int wasio_queue_put_nowait(wasio_queue *q, void *item);
int wasio_queue_get_nowait(wasio_queue *q, void **item);
size_t wasio_queue_size(const wasio_queue *q);
int wasio_queue_empty(const wasio_queue *q);
int wasio_queue_full(const wasio_queue *q);
/* join: suspends until every item put has been marked done. task_done:
 * WASIO_ESTATE if called more times than items were put. */
int wasio_queue_task_done(wasio_queue *q);
int wasio_queue_join(wasio_queue *q);
/* Queue.shutdown(immediate): puts fail from now on; with immediate, the
 * items left are dropped (and counted done) and every getter wakes with
 * WASIO_ESHUTDOWN. */
int wasio_queue_shutdown(wasio_queue *q, int immediate);

/* ------------------------------------------------------------- step tasks
 * A task without a stack of its own, for programs with very many small
 * tasks. It is asyncio's own model of a task: a body the loop steps,
 * rather than one that runs on a stack and suspends in the middle of its
 * calls. The body is a step function, which the loop calls on its own
 * stack at the start and again each time the wait it armed has ended;
 * what must outlive a step lives in `arg` (or in s->point), not in
 * locals. A waiting step task costs its task record (well under 1 KB) in
 * every build, where an ordinary task also holds a stack: a page natively,
 * 16 KiB in wasm. Having no stack, it cannot overflow one.
 *
 * A step arms at most one wait (wasio_step_sleep, wasio_step_event_wait,
 * wasio_step_await: each returns WASIO_PENDING) and returns WASIO_PENDING;
 * the loop arms it when the step has returned, and calls the step again
 * once it has ended, with its outcome in s->status. Any other return ends
 * the task, as a task body's return does (a wait armed and not returned
 * for is WASIO_ESTATE). A wait that need not suspend still ends the step
 * and calls the next one at once, with nothing else run between. The
 * waits behave as their blocking twins do, cancellation included: a
 * cancelled step task's wait ends with WASIO_ECANCELLED (after yielding
 * once, if it would not have waited); an await whose awaiting task is
 * cancelled cancels the awaited task and ends when it has.
 *
 * Everything else is a task's: the handle, being awaited, gathered and
 * cancelled, done callbacks, names, traces, task-local variables. The
 * calls that suspend (wasio_sleep, wasio_await, locks, queues) and scopes
 * and task groups, whose structs would live in a step's frame, need a
 * stack: in a step task they fail with WASIO_ESTATE. */
typedef struct wasio_step {
  int point;    /* where the next step resumes: 0 at the start; the
                   WASIO_STEP_ macros keep their line numbers here */
  int status;   /* the outcome of the wait that has ended: 0, or a negative
                   error (its message is wasio_error_message()) */
  void *result; /* wasio_step_await: the awaited task's result */
} wasio_step;

/* What a step returns after it armed a wait. */
#define WASIO_PENDING 1

typedef int (*wasio_step_fn)(wasio_step *s, void *arg, void **result);

/* wasio_create_task for a step task: the same errors, the same handle. */
int wasio_create_step_task_at(wasio_task *out, wasio_step_fn fn, void *arg,
                              const char *file, int line);
#define wasio_create_step_task(out, fn, arg) \
  wasio_create_step_task_at(out, fn, arg, __FILE__, __LINE__)

/* The waits a step may arm; `s` is the step's own. Each returns
 * WASIO_PENDING, or an error at once (no wait armed): WASIO_ENOLOOP and
 * WASIO_ESTATE (not called from the running step task of `s`, or a wait
 * already armed), the argument errors of its twin (wasio_sleep,
 * wasio_event_wait, wasio_await: WASIO_EINVAL, WASIO_ESTALE, WASIO_ESELF,
 * WASIO_EDEADLK). */
int wasio_step_sleep(wasio_step *s, double seconds);
int wasio_step_event_wait(wasio_step *s, wasio_event *e);
int wasio_step_await(wasio_step *s, wasio_task t);

/* The step function as straight-line code, protothreads' way: a switch on
 * s->point. Between BEGIN and END, WASIO_STEP_AWAIT(s, wait) arms `wait`,
 * returns WASIO_PENDING and continues on the next line once it has ended;
 * an error ends the task with it, as an exception nobody catches does.
 * WASIO_STEP_TRY does the same but leaves the error in s->status. Locals
 * do not survive an await (keep them in arg), nor may two of these share
 * a source line, or sit inside a switch of their own.
 *
 *   static int waiter(wasio_step *s, void *arg, void **result) {
 *     WASIO_STEP_BEGIN(s);
 *     WASIO_STEP_AWAIT(s, wasio_step_event_wait(s, arg));
 *     WASIO_STEP_AWAIT(s, wasio_step_sleep(s, 0.5));
 *     WASIO_STEP_END(s);
 *     return 0;
 *   }
 */
#define WASIO_STEP_BEGIN(s) switch ((s)->point) { case 0:
#define WASIO_STEP_TRY(s, wait)                \
  do {                                         \
    (s)->status = (wait);                      \
    if ((s)->status == WASIO_PENDING) {        \
      (s)->point = __LINE__;                   \
      return WASIO_PENDING;                    \
      case __LINE__:;                          \
    }                                          \
  } while (0)
#define WASIO_STEP_AWAIT(s, wait)              \
  do {                                         \
    WASIO_STEP_TRY(s, wait);                   \
    if ((s)->status < 0) return (s)->status;   \
  } while (0)
#define WASIO_STEP_END(s) }

/* ------------------------------------------------- task-local variables
 * contextvars: a task starts with a copy of its creator's context; what it
 * sets is seen by itself and the tasks it creates afterwards, never by its
 * creator. Define variables statically:
 *   static wasio_contextvar request_id = WASIO_CONTEXTVAR("request_id", NULL);
 */
typedef struct wasio_contextvar {
  const char *name;
  void *default_value;
} wasio_contextvar;
#define WASIO_CONTEXTVAR(name, default_value) { name, default_value }

typedef struct wasio_token {
  wasio_contextvar *_var;
  void *_old;
  int _had_value;
  wasio_context *_context;
} wasio_token;

/* The variable's value in the current context, or its default. */
void *wasio_contextvar_get(wasio_contextvar *var);
/* Sets it in the current context; *token (may be NULL) can undo it. */
int wasio_contextvar_set(wasio_contextvar *var, void *value,
                         wasio_token *token);
/* Restores what set() replaced; WASIO_EINVAL for a token of another
 * context or variable, WASIO_ESTATE for a token used already. */
int wasio_contextvar_reset(wasio_contextvar *var, wasio_token *token);

/* contextvars.copy_context(): a new reference the caller must release. */
wasio_context *wasio_context_copy(void);
wasio_context *wasio_context_new(void);
void wasio_context_release(wasio_context *ctx);

/* ------------------------------------------------------------- call sites
 * Each await point is also a macro that notes the file and line of its
 * call (two stores), and the calls that create a task note the task
 * function's name: a trace's WAITING event says where the task waits, its
 * CREATED event which function the task runs (the playground highlights
 * those lines). The functions themselves are unchanged: a call through a
 * pointer, or with WASIO_NO_CALL_SITES defined before this header is
 * included, notes nothing. */
#if defined(__wasm__)
#define WASIO__SITE_TLS
#elif defined(__cplusplus)
#define WASIO__SITE_TLS thread_local
#else
#define WASIO__SITE_TLS _Thread_local
#endif
extern WASIO__SITE_TLS const char *wasio__site_file;
extern WASIO__SITE_TLS int wasio__site_line;
extern WASIO__SITE_TLS const char *wasio__site_fn;

#if !defined(WASIO_NO_CALL_SITES) && !defined(WASIO__BUILDING)
#define WASIO__AT(call) \
  (wasio__site_file = __FILE__, wasio__site_line = __LINE__, call)
/* (variadic: an argument may hold commas, as a compound literal does) */
#define wasio_sleep(...) WASIO__AT(wasio_sleep(__VA_ARGS__))
#define wasio_await(...) WASIO__AT(wasio_await(__VA_ARGS__))
#define wasio_gather(...) WASIO__AT(wasio_gather(__VA_ARGS__))
#define wasio_gather_outcomes(...) \
  WASIO__AT(wasio_gather_outcomes(__VA_ARGS__))
#define wasio_wait_for(...) WASIO__AT(wasio_wait_for(__VA_ARGS__))
#define wasio_shield(...) WASIO__AT(wasio_shield(__VA_ARGS__))
#define wasio_wait(...) WASIO__AT(wasio_wait(__VA_ARGS__))
#define wasio_as_completed_next(...) \
  WASIO__AT(wasio_as_completed_next(__VA_ARGS__))
#define wasio_taskgroup_exit(...) WASIO__AT(wasio_taskgroup_exit(__VA_ARGS__))
#define wasio_event_wait(...) WASIO__AT(wasio_event_wait(__VA_ARGS__))
#define wasio_lock_acquire(...) WASIO__AT(wasio_lock_acquire(__VA_ARGS__))
#define wasio_semaphore_acquire(...) \
  WASIO__AT(wasio_semaphore_acquire(__VA_ARGS__))
#define wasio_condition_acquire(...) \
  WASIO__AT(wasio_condition_acquire(__VA_ARGS__))
#define wasio_condition_wait(...) WASIO__AT(wasio_condition_wait(__VA_ARGS__))
#define wasio_condition_wait_for(...) \
  WASIO__AT(wasio_condition_wait_for(__VA_ARGS__))
#define wasio_queue_put(...) WASIO__AT(wasio_queue_put(__VA_ARGS__))
#define wasio_queue_get(...) WASIO__AT(wasio_queue_get(__VA_ARGS__))
#define wasio_queue_join(...) WASIO__AT(wasio_queue_join(__VA_ARGS__))
#define wasio_js_await(...) WASIO__AT(wasio_js_await(__VA_ARGS__))
#define wasio_wait_readable(...) WASIO__AT(wasio_wait_readable(__VA_ARGS__))
#define wasio_wait_writable(...) WASIO__AT(wasio_wait_writable(__VA_ARGS__))
#define wasio_step_sleep(...) WASIO__AT(wasio_step_sleep(__VA_ARGS__))
#define wasio_step_event_wait(...) \
  WASIO__AT(wasio_step_event_wait(__VA_ARGS__))
#define wasio_step_await(...) WASIO__AT(wasio_step_await(__VA_ARGS__))
/* the creating calls: the function's name too */
#undef wasio_create_task
#define wasio_create_task(out, fn, ...)                                    \
  (wasio__site_fn = #fn,                                                   \
   wasio_create_task_at(out, fn, __VA_ARGS__, __FILE__, __LINE__))
#undef wasio_taskgroup_spawn
#define wasio_taskgroup_spawn(tg, out, fn, ...)                            \
  (wasio__site_fn = #fn,                                                   \
   wasio_taskgroup_spawn_at(tg, out, fn, __VA_ARGS__, __FILE__, __LINE__))
#undef wasio_create_step_task
#define wasio_create_step_task(out, fn, ...)                               \
  (wasio__site_fn = #fn,                                                   \
   wasio_create_step_task_at(out, fn, __VA_ARGS__, __FILE__, __LINE__))
#define wasio_spawn(fn, ...) (wasio__site_fn = #fn, wasio_spawn(fn, __VA_ARGS__))
#define wasio_run(main, ...) \
  (wasio__site_fn = #main, wasio_run(main, __VA_ARGS__))
#define wasio_loop_start(loop, main, ...) \
  (wasio__site_fn = #main, wasio_loop_start(loop, main, __VA_ARGS__))
#endif

#ifdef __cplusplus
}
#endif
#endif /* WASIO_H */
