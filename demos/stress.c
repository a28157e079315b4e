/* stress: the reliability runs of tests/ and `make soak`, the same code on
 * every target.
 *   tasks  n tasks (1,000,000) with random sleeps, in waves of `wave`
 *          alive at once; a canceller cancels every eighth at a random
 *          moment. Every task must end exactly once, finished or
 *          cancelled, and the counts must match what was asked: printed,
 *          with the checks, and an error if anything was lost.
 *   oom    tasks that sleep 5 s, created until memory runs out: the
 *          WASIO_ENOMEM, then every task created before it finishing on
 *          time, then a new task working again. Run it under a memory
 *          limit (`ulimit -v`, or a wasm memory maximum).
 *   overflow  a task recursing far past its stack: natively it ends with
 *          WASIO_ESTACK and the loop carries on; in the WASI build the
 *          stack limit stops the program with a trap before the task can
 *          write past its stack.
 *   soak   the tasks workload over and over for `seconds` (600) of real
 *          time, printing the memory held after each minute; an error if
 *          the last minute holds over 10 % more than the first. */
#include "demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng;

static uint32_t next_random(void) { /* xorshift64*, fixed seed: same counts
                                       on every target */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32);
}



/* ------------------------------------------------------------ tasks */
typedef struct counts {
  long finished, cancelled, other, ended_twice;
  long to_cancel;
} counts;

typedef struct job {
  double delay;
  uint8_t ended; /* set once by the task's done callback */
  uint8_t cancel;
} job;

static counts total;

static int sleeper(void *arg, void **result) {
  job *j = arg;
  (void)result;
  return wasio_sleep(j->delay);
}

static void on_done(wasio_task t, void *arg) {
  job *j = arg;
  wasio_outcome out;
  int status = wasio_task_outcome(t, &out);
  if (j->ended++) total.ended_twice++;
  if (status == 0) total.finished++;
  else if (status == WASIO_ECANCELLED) total.cancelled++;
  else total.other++;
}

typedef struct canceller_args {
  wasio_task *tasks;
  job *jobs;
  long n;
} canceller_args;

/* Cancels the marked tasks one after another, a random fraction of a
 * millisecond apart: most land while their task still sleeps. */
static int canceller(void *arg, void **result) {
  canceller_args *c = arg;
  (void)result;
  for (long i = 0; i < c->n; i++) {
    if (!c->jobs[i].cancel) continue;
    int rc = wasio_sleep((next_random() % 8) / 8192.0);
    if (rc != 0) return rc;
    wasio_cancel(c->tasks[i]);
  }
  return 0;
}

/* One wave: n tasks, every eighth cancelled by the canceller. */
static int wave(long n, wasio_task *tasks, job *jobs) {
  int rc = 0;
  long made = 0;
  for (; made < n; made++) {
    jobs[made].delay = (next_random() % 1024) / 1024.0;
    jobs[made].ended = 0;
    jobs[made].cancel = next_random() % 8 == 0;
    total.to_cancel += jobs[made].cancel;
    rc = wasio_create_task(&tasks[made], sleeper, &jobs[made]);
    if (rc != 0) break;
    wasio_task_add_done_callback(tasks[made], on_done, &jobs[made]);
  }
  canceller_args c = {tasks, jobs, made};
  wasio_task ct;
  if (rc == 0) rc = wasio_create_task(&ct, canceller, &c);
  if (rc == 0) {
    rc = wasio_await(ct, NULL);
    wasio_task_release(ct);
  }
  int rc2 = made > 0 ? wasio_wait(tasks, (size_t)made, WASIO_ALL_COMPLETED, -1)
                     : 0;
  for (long i = 0; i < made; i++) wasio_task_release(tasks[i]);
  /* the done callbacks run on the next iteration */
  if (wasio_sleep(0) != 0 && rc == 0) rc = WASIO_ECANCELLED;
  return rc != 0 ? rc : rc2 < 0 ? rc2 : 0; /* rc2: how many are done */
}

static int run_tasks(long n, long per_wave, double *memory_peak) {
  wasio_task *tasks = malloc((size_t)per_wave * sizeof *tasks);
  job *jobs = malloc((size_t)per_wave * sizeof *jobs);
  if (tasks == NULL || jobs == NULL) {
    free(tasks);
    free(jobs);
    return wasio_fail(WASIO_ENOMEM, "stress: out of memory");
  }
  int rc = 0;
  for (long done = 0; done < n && rc == 0; done += per_wave) {
    long size = n - done < per_wave ? n - done : per_wave;
    rc = wave(size, tasks, jobs);
    double m = demo_memory_bytes();
    if (memory_peak && m > *memory_peak) *memory_peak = m;
  }
  free(tasks);
  free(jobs);
  return rc;
}

static int check_counts(long n) {
  long ended = total.finished + total.cancelled + total.other;
  demo_log("%ld tasks: %ld finished, %ld cancelled (%ld asked), %ld other, "
           "%ld ended twice, %ld lost",
           n, total.finished, total.cancelled, total.to_cancel, total.other,
           total.ended_twice, n - ended);
  if (ended != n || total.ended_twice || total.other ||
      total.cancelled > total.to_cancel)
    return wasio_fail(WASIO_EFAIL, "stress: the counts do not add up");
  return 0;
}

/* ------------------------------------------------------------ oom */
static int five_seconds(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_sleep(5);
}

static int run_oom(long limit) {
  wasio_task *tasks = malloc((size_t)limit * sizeof *tasks);
  if (tasks == NULL) return wasio_fail(WASIO_ENOMEM, "stress: out of memory");
  long made = 0;
  int rc = 0;
  char why[300] = "";
  while (made < limit) {
    rc = wasio_create_task(&tasks[made], five_seconds, NULL);
    if (rc != 0) {
      snprintf(why, sizeof why, "%s", wasio_error_message());
      break;
    }
    made++;
    wasio_sleep(0); /* it starts, and takes its stack, now */
    wasio_outcome out;
    if (wasio_task_state(tasks[made - 1]) == WASIO_TASK_DONE) {
      rc = wasio_task_outcome(tasks[made - 1], &out);
      snprintf(why, sizeof why, "%s", out.message);
      wasio_task_release(tasks[--made]);
      break;
    }
  }
  if (rc == 0) {
    free(tasks);
    return wasio_fail(WASIO_EFAIL, "stress: %ld tasks and memory has not run "
                      "out; run this under a memory limit", limit);
  }
  demo_log("%s after %ld tasks: %s", wasio_err_name(rc), made, why);
  long finished = 0;
  for (long i = 0; i < made; i++) {
    if (wasio_await(tasks[i], NULL) == 0) finished++;
    wasio_task_release(tasks[i]);
  }
  free(tasks);
  demo_log("%ld of %ld finished", finished, made);
  wasio_task t;
  rc = wasio_create_task(&t, five_seconds, NULL);
  if (rc == 0) rc = wasio_await(t, NULL);
  demo_log("a new task after them: %s", rc == 0 ? "ok" : wasio_err_name(rc));
  return finished == made && rc == 0 ? 0
         : wasio_fail(WASIO_EFAIL, "stress: tasks were lost after ENOMEM");
}

/* ------------------------------------------------------------ overflow */
static __attribute__((noinline)) int recurse(long depth) {
  volatile char frame[240];
  for (size_t i = 0; i < sizeof frame; i++) frame[i] = (char)depth;
  return depth == 0 ? frame[0] : recurse(depth - 1) + frame[9];
}

static int deep(void *arg, void **result) {
  (void)arg;
  (void)result;
  return recurse(10000000) & 0; /* 2.4 GB of frames */
}

static int run_overflow(void) {
  wasio_task t;
  wasio_outcome out;
  int rc = wasio_create_task(&t, deep, NULL);
  if (rc != 0) return rc;
  wasio_await(t, NULL);
  wasio_task_outcome(t, &out);
  demo_log("%s: %s: %s", wasio_task_name(t), wasio_err_name(out.status),
           out.message);
  rc = wasio_sleep(1);
  demo_log("the loop carries on: %s", rc == 0 ? "ok" : wasio_err_name(rc));
  return out.status == WASIO_ESTACK ? rc : WASIO_EFAIL;
}

/* ------------------------------------------------------------ main */
static int stress_main(void *arg, void **out) {
  const demo_args *args = arg;
  long n, per_wave;
  (void)out;
  rng = 0x9e3779b97f4a7c15ull;
  memset(&total, 0, sizeof total);
  double seconds; /* soak's; checked whatever the mode, as every parameter */
  int bad = demo_param_long(args, "n", 1000000, 1, 100000000, &n);
  if (bad == 0) bad = demo_param_long(args, "wave", 10000, 1, 10000000, &per_wave);
  if (bad == 0) bad = demo_param_seconds(args, "seconds", 600, &seconds);
  if (bad != 0) return bad;
  if (strcmp(args->mode, "overflow") == 0) return run_overflow();
  if (strcmp(args->mode, "oom") == 0) return run_oom(n < 1000 ? 10000000 : n * 10);
  if (strcmp(args->mode, "tasks") == 0) {
    double peak = 0;
    int rc = run_tasks(n, per_wave, &peak);
    if (rc != 0) return rc;
    return check_counts(n);
  }
  /* soak */
  int rc;
  double start = demo_real_seconds(), next_report = start + 60, first = 0, last = 0;
  long rounds = 0, per_round = n < 100000 ? n : 100000;
  for (double elapsed = 0; elapsed < seconds;) {
    rc = run_tasks(per_round, per_wave, NULL);
    if (rc != 0) return rc;
    rounds++;
    double now = demo_real_seconds();
    elapsed = now - start;
    if (now >= next_report || elapsed >= seconds) {
      last = demo_memory_bytes();
      if (first == 0) first = last;
      demo_log("soak: %.0f s, %ld rounds, %ld tasks, memory %.1f MB",
               elapsed, rounds, rounds * per_round, last / 1e6);
      next_report += 60;
    }
  }
  rc = check_counts(rounds * per_round);
  if (rc != 0) return rc;
  if (first > 0 && last > first * 1.1)
    return wasio_fail(WASIO_EFAIL, "stress: memory grew from %.1f MB to "
                      "%.1f MB", first / 1e6, last / 1e6);
  demo_log("soak: memory stable (%.1f MB after the first minute, %.1f MB at "
           "the end)", first / 1e6, last / 1e6);
  return 0;
}

static const char *const modes[] = {"tasks", "oom", "overflow", "soak", NULL};

const wasio_demo demo_stress = {
    "stress",
    "reliability: a million tasks with random sleeps and cancellations, "
    "memory exhaustion, a soak",
    "wasio: reliability",
    modes,
    stress_main,
    NULL,
    0,
    "n=1000000, wave=10000, seconds=600",
    0,
};
