/* call_soon / call_later / call_at, their handles, and scheduling from
 * outside the loop between steps. */
#include "test.h"

typedef struct trace {
  char log[16][24];
  int n;
} trace;

static trace *tr;

static void note(void *arg) {
  if (tr->n < 16)
    snprintf(tr->log[tr->n], sizeof tr->log[0], "%s@%.2f", (const char *)arg,
             wasio_now());
  tr->n++;
}

static int noting_task(void *arg, void **result) {
  (void)result;
  note(arg);
  return 0;
}

static int callbacks_main(void *arg, void **result) {
  wasio_handle h, never;
  (void)result;
  tr = arg;
  /* FIFO with tasks, in the order they were scheduled */
  CHECK_RC(wasio_call_soon(NULL, note, "soon1"), 0);
  wasio_create_task(NULL, noting_task, "task");
  CHECK_RC(wasio_call_soon(NULL, note, "soon2"), 0);
  CHECK_RC(wasio_call_later(NULL, 0.5, note, "later0.5"), 0);
  CHECK_RC(wasio_call_at(NULL, 0.25, note, "at0.25"), 0);
  CHECK_RC(wasio_call_later(&never, 0.3, note, "cancelled"), 0);
  CHECK_RC(wasio_call_soon(&h, note, "cancelled-soon"), 0);
  CHECK_INT(wasio_handle_cancel(never), 1);
  CHECK_INT(wasio_handle_cancel(never), 0);
  CHECK_INT(wasio_handle_cancel(h), 1);
  CHECK_RC(wasio_call_soon(NULL, NULL, NULL), WASIO_EINVAL);
  /* a negative delay is a time already past: as soon as possible (asyncio) */
  CHECK_RC(wasio_call_later(NULL, -1, note, "past"), 0);
  CHECK_RC(wasio_call_later(NULL, NAN, note, "x"), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_call_later: the delay is NaN");
  CHECK_RC(wasio_call_later(NULL, INFINITY, note, "x"), WASIO_EINVAL);
  CHECK_RC(wasio_call_at(NULL, NAN, note, "x"), WASIO_EINVAL);
  wasio_sleep(1);
  CHECK_INT(wasio_handle_cancel(h), 0); /* long gone: a no-op */
  wasio_task bad = {99999, 1};
  wasio_handle bad_handle = {99999, 1};
  CHECK_RC(wasio_handle_cancel(bad_handle), WASIO_EINVAL);
  (void)bad;
  return 0;
}

TEST(callbacks_run_in_order_and_on_time) {
  trace t = {.n = 0};
  CHECK_RC(run_virtual(callbacks_main, &t, NULL), 0);
  CHECK_INT(t.n, 6);
  CHECK_STR(t.log[0], "soon1@0.00");
  CHECK_STR(t.log[1], "task@0.00");
  CHECK_STR(t.log[2], "soon2@0.00");
  CHECK_STR(t.log[3], "past@0.00");
  CHECK_STR(t.log[4], "at0.25@0.25");
  CHECK_STR(t.log[5], "later0.5@0.50");
  CHECK_RC(wasio_call_soon(NULL, note, "x"), WASIO_ENOLOOP);
}

static wasio_event *outside_event;

static void set_outside_event(void *arg) {
  (void)arg;
  wasio_event_set(outside_event);
}

static int waits_for_outside(void *arg, void **result) {
  (void)result;
  outside_event = arg;
  return wasio_event_wait(arg);
}

/* What a JS host does when a promise settles: schedule from outside. */
TEST(call_soon_from_outside_between_steps) {
  wasio_loop *loop;
  wasio_event ev;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  double delay;
  wasio_event_init(&ev);
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_RC(wasio_loop_start(loop, waits_for_outside, &ev), 0);
  CHECK_INT(wasio_loop_step(loop, &delay), 1);
  CHECK_NEAR(delay, -1, 0); /* nothing scheduled: waits for the host */
  CHECK_RC(wasio_loop_call_soon(loop, NULL, set_outside_event, NULL), 0);
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* runs the callback */
  CHECK_NEAR(delay, 0, 0);
  CHECK_INT(wasio_loop_step(loop, &delay), 0); /* main woke and finished */
  CHECK_RC(wasio_loop_close(loop, NULL), 0);
  CHECK_RC(wasio_loop_call_soon(NULL, NULL, set_outside_event, NULL),
           WASIO_EINVAL);
}

/* The time rule's edges: deadlines already past keep their order even at
 * the loop's time 0 (asyncio orders call_later(-1) before
 * call_later(-0.5)); near the end of the clock, later stays later. */
static int past_deadlines_main(void *arg, void **result) {
  (void)result;
  tr = arg;
  CHECK_RC(wasio_call_later(NULL, -0.5, note, "l-0.5"), 0);
  CHECK_RC(wasio_call_later(NULL, -1, note, "l-1"), 0);
  CHECK_RC(wasio_call_at(NULL, -0.25, note, "a-0.25"), 0);
  CHECK_RC(wasio_call_at(NULL, -2, note, "a-2"), 0);
  CHECK_RC(wasio_call_later(NULL, -INFINITY, note, "l-inf"), 0);
  CHECK_RC(wasio_call_later(NULL, -0.0, note, "l-0"), 0);
  CHECK_RC(wasio_call_later(NULL, 4.9e-324, note, "l-denormal"), 0);
  wasio_sleep(0.5);
  return 0;
}

TEST(past_deadlines_keep_their_order) {
  static const char *const expected[] = {
      "l-inf@0.00", "a-2@0.00", "l-1@0.00", "l-0.5@0.00",
      "a-0.25@0.00", "l-0@0.00", "l-denormal@0.00"};
  trace t = {.n = 0};
  CHECK_RC(run_virtual(past_deadlines_main, &t, NULL), 0);
  CHECK_INT(t.n, 7);
  for (int i = 0; i < 7 && i < t.n; i++) CHECK_STR(t.log[i], expected[i]);
}

/* At the end of the virtual clock (it stops there), a deadline past it
 * would never come: a sleep or callback is refused, a timeout has none;
 * the clock refuses to move past it; past deadlines still fire. */
static int end_order[4], end_n;
static void end_note(void *arg) { end_order[end_n++ & 3] = (int)(intptr_t)arg; }

static int at_the_clock_end(void *arg, void **result) {
  (void)result;
  wasio_loop *loop = arg;
  CHECK_RC(wasio_loop_advance(loop, 1e10), 0);
  CHECK_RC(wasio_loop_advance(loop, 1e10), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_loop_advance: 1e+10 s from now is "
            "past the end of the loop's clock (1.384e+10 s): it would never "
            "come");
  double left = 1.3835e10 - wasio_now(); /* just short of the end */
  CHECK_RC(wasio_loop_advance(loop, left), 0);
  CHECK_RC(wasio_call_later(NULL, 1e9, end_note, (void *)(intptr_t)9),
           WASIO_EINVAL);
  CHECK_RC(wasio_sleep(1e9), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_sleep: 1e+09 s from now is past the "
            "end of the loop's clock (1.384e+10 s): it would never come");
  CHECK_RC(wasio_call_later(NULL, 2, end_note, (void *)(intptr_t)2), 0);
  CHECK_RC(wasio_call_later(NULL, 1, end_note, (void *)(intptr_t)1), 0);
  CHECK_RC(wasio_call_later(NULL, -1, end_note, (void *)(intptr_t)0), 0);
  wasio_scope s;
  CHECK_RC(wasio_timeout_enter(&s, 1e9), 0); /* never: no deadline */
  CHECK(isinf(wasio_timeout_when(&s)));
  CHECK_RC(wasio_sleep(3), 0);
  CHECK_RC(wasio_timeout_exit(&s, 0), 0);
  CHECK_INT(end_n, 3);
  CHECK_INT(end_order[0], 0);
  CHECK_INT(end_order[1], 1);
  CHECK_INT(end_order[2], 2);
  return 0;
}

TEST(deadlines_past_the_clock_end_never_come) {
  wasio_loop *loop;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_RC(wasio_loop_start(loop, at_the_clock_end, loop), 0);
  double delay = 0;
  int guard = 0;
  while (wasio_loop_step(loop, &delay) > 0 && guard++ < 100)
    if (delay > 0) CHECK_RC(wasio_loop_advance(loop, delay), 0);
  CHECK(guard < 100);
  CHECK_RC(wasio_loop_close(loop, NULL), 0);
}
