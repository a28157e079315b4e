/* Looking inside: wasio_loop_inspect hands out what a loop holds (its
 * ready queue, its timers in firing order, its tasks) so that nothing
 * outside src/ reads the loop's structs; and wasio_trap_reason says what
 * stopped a trapped wasm module.
 *
 * The walk takes a picture first (copies of every item, names included)
 * and then visits it: a visitor that cancels, schedules, steps or even
 * closes the loop changes the loop, never the walk under way. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(WASIO__PHASE_NEW == (int)WASIO_PHASE_NEW &&
                   WASIO__PHASE_MAIN == (int)WASIO_PHASE_MAIN &&
                   WASIO__PHASE_SHUTDOWN == (int)WASIO_PHASE_SHUTDOWN &&
                   WASIO__PHASE_DONE == (int)WASIO_PHASE_DONE,
               "the public phases are the loop's own");

const char *wasio_inspect_kind_name(wasio_inspect_kind kind) {
  static const char *const names[] = {"loop",  "ready_task", "ready_callback",
                                      "sleep", "wait",       "timeout",
                                      "call_later", "task"};
  return WASIO__NAME(names, kind, "unknown");
}

static const char *const phases[] = {"new", "main", "shutdown", "done"};
static const char *const states[] = {"pending", "running", "waiting"};

/* One item of the picture, with its own copy of the task's name. */
typedef struct entry {
  wasio_inspect_item item;
  uint64_t when, seq; /* a timer's place in the heap's order */
  char name[sizeof ((wasio__task *)0)->name];
} entry;

static void about(entry *e, wasio_inspect_kind kind, const wasio__task *t) {
  memset(e, 0, sizeof *e);
  e->item.kind = kind;
  e->item.detail = "";
  if (t != NULL) {
    e->item.task = wasio__task_handle(t);
    e->item.task_id = t->id;
    memcpy(e->name, wasio__task_name(t), sizeof e->name);
  }
}

/* The task a timer belongs to, and what it is for. */
static const wasio__task *timer_owner(const wasio__timer *tm,
                                      wasio_inspect_kind *kind) {
  switch (tm->kind) {
    case WASIO__TIMER_SCOPE:
      *kind = WASIO_INSPECT_TIMEOUT;
      return WASIO__CONTAINER(tm, wasio_scope, _timer)->_task;
    case WASIO__TIMER_CALLBACK:
      *kind = WASIO_INSPECT_CALL_LATER;
      return NULL;
    case WASIO__TIMER_WAIT:
      *kind = WASIO_INSPECT_WAIT;
      return WASIO__CONTAINER(tm, wasio__task, timer);
    default:
      *kind = WASIO_INSPECT_SLEEP;
      return WASIO__CONTAINER(tm, wasio__task, timer);
  }
}

static void add_timer(entry *e, const wasio__timer *tm) {
  wasio_inspect_kind kind;
  const wasio__task *t = timer_owner(tm, &kind);
  about(e, kind, t);
  e->item.time = tm->when >= WASIO__PAST /* a past deadline: < 0 */
                     ? (double)(tm->when - WASIO__PAST) / 1e9
                     : -(double)(WASIO__PAST - tm->when) / 1e9;
  e->when = tm->when;
  e->seq = tm->seq;
}

/* The order timers fire in: the heap's own (deadline, then arming). */
static int firing_order(const void *a, const void *b) {
  const entry *x = a, *y = b;
  if (x->when != y->when) return x->when < y->when ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Fills `pic` (room for everything the loop holds) and returns how many
 * entries it took. */
static size_t take_picture(const wasio_loop *loop, entry *pic) {
  entry *e = pic + 1;
  size_t ready = 0, timers = 0, tasks = 0;
  for (const wasio__ready *r = loop->ready_head; r != NULL; r = r->next) {
    if (r->kind == WASIO__KIND_TASK) {
      about(e++, WASIO_INSPECT_READY_TASK, (const wasio__task *)r);
    } else if (!((const wasio__callback *)r)->cancelled) {
      about(e++, WASIO_INSPECT_READY_CALLBACK, NULL);
    } else {
      continue;
    }
    ready++;
  }
  /* The heap, and the due timers an iteration under way set aside for
   * the next one: copied, then sorted; the heap itself is not touched. */
  entry *first_timer = e;
  for (size_t i = 0; i < loop->timers.len; i++) add_timer(e++, loop->timers.items[i]);
  for (size_t i = 0; i < loop->aside_len; i++) add_timer(e++, loop->aside[i]);
  timers = (size_t)(e - first_timer);
  qsort(first_timer, timers, sizeof *e, firing_order);
  for (const wasio__task *t = loop->all.next_all; t != &loop->all;
       t = t->next_all) {
    if (t->state == WASIO__TASK_DONE) continue;
    about(e, WASIO_INSPECT_TASK, t);
    e->item.state = t->state; /* the public wasio_task_state_t's numbers */
    e->item.detail = WASIO__NAME(states, t->state, "");
    e++;
    tasks++;
  }
  about(pic, WASIO_INSPECT_LOOP, NULL);
  pic->item.time = (double)wasio__loop_time((wasio_loop *)loop) / 1e9;
  pic->item.state = loop->phase;
  pic->item.detail = WASIO__NAME(phases, loop->phase, "");
  pic->item.ready = ready;
  pic->item.timers = timers;
  pic->item.tasks = tasks;
  return (size_t)(e - pic);
}

int wasio_loop_inspect(const wasio_loop *loop, wasio_inspect_fn visit,
                       void *arg) {
  if (loop == NULL || visit == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_inspect: %s is NULL",
                            loop == NULL ? "loop" : "visit");
  if (loop->phase == WASIO__PHASE_CLOSING)
    return wasio__set_error(WASIO_ESTATE, "wasio_loop_inspect: the loop is "
                            "closing");
  size_t room = 1 + loop->ready_len + loop->timers.len + loop->aside_len;
  for (const wasio__task *t = loop->all.next_all; t != &loop->all;
       t = t->next_all)
    room++;
  entry *pic = room <= SIZE_MAX / sizeof *pic ? malloc(room * sizeof *pic)
                                               : NULL;
  if (pic == NULL)
    return wasio__set_error(WASIO_ENOMEM, "wasio_loop_inspect: out of "
                            "memory for %zu items", room);
  size_t n = take_picture(loop, pic);
  /* The visitor must not suspend: in a task, await points refuse as they
   * do in a trace hook. The running loop cannot be freed meanwhile (its
   * close is refused from inside it). */
  wasio_loop *running = wasio__running;
  if (running != NULL) running->in_hook++;
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    pic[i].item.name = pic[i].name;
    rc = visit(&pic[i].item, arg);
  }
  if (running != NULL) running->in_hook--;
  free(pic);
  return rc;
}

#if defined(__wasi__)
/* Hosts ask for it by this name (wasi/wasio.mjs). */
__attribute__((export_name("wasio_trap_reason")))
#endif
const char *wasio_trap_reason(void) {
#if defined(__wasm__)
  /* The first answer is kept: the report moves the stack pointer, so a
   * second one could not see the trap again. */
  static char reason[200];
  if (reason[0] == '\0' && !wasio__stack_trap_report(reason, sizeof reason))
    return NULL;
  return reason;
#else
  return NULL;
#endif
}
