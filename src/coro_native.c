/* The native switch: each task runs on its own stack (stack_native.c). On
 * x86_64 the switch is a few lines of assembly that save the callee-saved
 * registers on the old stack and pop them off the new one; elsewhere (or
 * with -DWASIO_CORO_UCONTEXT) it is ucontext. AddressSanitizer and
 * valgrind are told about every switch, or they would take the task stacks
 * for garbage. A task that runs into its guard page is caught here too. */
#if !defined(__wasm__)
#define _GNU_SOURCE
#include "coro.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if !defined(__x86_64__) && !defined(WASIO_CORO_UCONTEXT)
#define WASIO_CORO_UCONTEXT 1
#endif
#if defined(WASIO_CORO_UCONTEXT)
#include <ucontext.h>
#endif

/* -DWASIO_VALGRIND (make valgrind): tell memcheck where each task stack
 * is, or it takes every switch for a wild stack-pointer move and a write
 * to a stack it saw used for a write below the stack pointer. */
#if defined(WASIO_VALGRIND)
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>
#endif
#if defined(WASIO__ASAN)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

/* The loop's side of the switch, one per thread, and the coroutine that
 * runs (NULL while the loop does). */
static WASIO__TLS void *loop_ctx;
static WASIO__TLS wasio__coro *running;
static WASIO__TLS wasio__coro *booting;
#if defined(WASIO__ASAN)
static WASIO__TLS void *loop_fake_stack;
static WASIO__TLS const void *loop_stack_bottom;
static WASIO__TLS size_t loop_stack_size;
#endif

/* A guarded stack cannot overflow unnoticed: the fault handler below ends
 * the task. A stack without a guard page (an arena stack on a kernel
 * without guard markers, stack_native.c) has a spare page below it to take
 * a small overflow, and the lowest 128 bytes of the stack are watched at
 * every switch: no frame has reached them while they read zero (a descent past
 * them pushes return addresses there). Zero is what an untouched page
 * reads, and reading it keeps it off the resident set (a written canary
 * cost every waiting task a second page); the allocator keeps its links at
 * the stack's top (stack_native.c). */
#define WATCH_WORDS 16

static int far_end_touched(const wasio__coro *c) {
  const uint64_t *end = c->stack_base;
  uint64_t any = 0;
#if defined(WASIO_VALGRIND)
  /* memcheck takes words a task's frames left for undefined */
  VALGRIND_MAKE_MEM_DEFINED(end, WATCH_WORDS * sizeof(uint64_t));
#endif
  for (int i = 0; i < WATCH_WORDS; i++) any |= end[i];
  return any != 0;
}

int wasio__coro_check(wasio__coro *c) {
  if (c->overflowed) return WASIO__STACK_ABANDONED;
  if (!c->watched || !far_end_touched(c)) return WASIO__STACK_OK;
  /* Suspended below its stack: it is still overflowing. */
  if (c->started && (char *)c->ctx < (char *)c->stack_base)
    return WASIO__STACK_DAMAGED;
  /* to see the next one */
  memset(c->stack_base, 0, WATCH_WORDS * sizeof(uint64_t));
  return WASIO__STACK_OVERFLOW;
}

/* ---------------------------------------------------------- overflow
 * A task that runs into its guard page faults. The handler, on an
 * alternate signal stack, recognises the fault (the task's stack pointer
 * is below its stack, within a megabyte), marks the task and switches
 * straight back to the loop: the task's frames are abandoned, and the loop
 * ends it with WASIO_ESTACK. Any other fault goes to the handler that was
 * there before (or the default: a core dump). */
static struct sigaction previous_segv;
static atomic_flag segv_installed = ATOMIC_FLAG_INIT;
static WASIO__TLS int altstack_ready;

static void leave_for_good(wasio__coro *c);

static void on_segv(int sig, siginfo_t *info, void *ucontext) {
  wasio__coro *c = running;
  uintptr_t sp = 0;
#if defined(__x86_64__) && defined(__linux__)
  sp = (uintptr_t)((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_RSP];
#else
  sp = (uintptr_t)info->si_addr;
#endif
  uintptr_t base = c ? (uintptr_t)c->stack_base : 0;
  if (c != NULL && !c->watched && sp < base + 256 && sp + (1u << 20) > base) {
    c->overflowed = 1;
    leave_for_good(c);
  }
  /* Not ours: put the old handler back; the access faults again. */
  (void)sig;
  sigaction(SIGSEGV, &previous_segv, NULL);
}

/* Once per process: the handler; once per thread: a signal stack for it
 * (the faulting stack has no room left). */
static void overflow_guard_arm(void) {
  if (!atomic_flag_test_and_set(&segv_installed)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sigemptyset(&sa.sa_mask);
    /* NODEFER: the handler never returns when it ends a task, so SIGSEGV
     * must not stay blocked after it. */
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, &previous_segv);
  }
  if (!altstack_ready) {
    stack_t old;
    altstack_ready = 1;
    if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE)) return;
    size_t size = 64 * 1024;
    void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return;
    stack_t ss = {.ss_sp = mem, .ss_size = size, .ss_flags = 0};
    sigaltstack(&ss, NULL);
  }
}

static void asan_enter(wasio__coro *c) {
#if defined(WASIO__ASAN)
  __sanitizer_start_switch_fiber(&loop_fake_stack, c->stack_base,
                                 c->stack_size);
#else
  (void)c;
#endif
}

static void asan_back_in_loop(void) {
#if defined(WASIO__ASAN)
  __sanitizer_finish_switch_fiber(loop_fake_stack, NULL, NULL);
#endif
}

static void asan_leave(wasio__coro *c, int for_good) {
#if defined(WASIO__ASAN)
  __sanitizer_start_switch_fiber(for_good ? NULL : &c->asan_fake_stack,
                                 loop_stack_bottom, loop_stack_size);
#else
  (void)c;
  (void)for_good;
#endif
}

static void asan_back_in_task(wasio__coro *c) {
#if defined(WASIO__ASAN)
  __sanitizer_finish_switch_fiber(c->asan_fake_stack, &loop_stack_bottom,
                                  &loop_stack_size);
#else
  (void)c;
#endif
}

#if !defined(WASIO_CORO_UCONTEXT)
/* wasio__ctx_switch(void **save, void *to): push the callee-saved registers,
 * store the stack pointer in *save, load `to`, pop the same from there and
 * return on the new stack. The SSE/x87 control words (rounding mode) are
 * thread state that all tasks share, as they share errno's thread: not
 * saving them keeps two slow instructions off every switch. */
void wasio__ctx_switch(void **save, void *to);
void wasio__ctx_boot(void);
__asm__(".text\n"
        ".globl wasio__ctx_switch\n"
        ".type wasio__ctx_switch,@function\n"
        "wasio__ctx_switch:\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  ret\n"
        ".size wasio__ctx_switch, .-wasio__ctx_switch\n"
        /* First entry into a task: r12 holds the coro (see coro_init). */
        ".globl wasio__ctx_boot\n"
        ".type wasio__ctx_boot,@function\n"
        "wasio__ctx_boot:\n"
        "  movq %r12, %rdi\n"
        "  call wasio__coro_main\n"
        "  ud2\n"
        ".size wasio__ctx_boot, .-wasio__ctx_boot\n"
#if defined(__linux__)
        ".section .note.GNU-stack,\"\",@progbits\n"
#endif
        ".text\n");
#endif

/* Back to the loop from a task that will never run again (it finished, or
 * its frames were abandoned). */
static void leave_for_good(wasio__coro *c) {
  asan_leave(c, 1);
#if defined(WASIO_CORO_UCONTEXT)
  setcontext((ucontext_t *)loop_ctx);
#else
  void *dead;
  wasio__ctx_switch(&dead, loop_ctx);
#endif
  abort(); /* unreachable: a task that left for good is never resumed */
}

/* The bottom of every task's stack: runs the body, then switches away for
 * good. Never returns. */
void wasio__coro_main(wasio__coro *c);
void wasio__coro_main(wasio__coro *c) {
#if defined(WASIO_CORO_UCONTEXT)
  c = booting;
#endif
  booting = NULL;
#if defined(WASIO__ASAN)
  __sanitizer_finish_switch_fiber(NULL, &loop_stack_bottom, &loop_stack_size);
#endif
  wasio__coro_body(c, 0.0f);
  leave_for_good(c);
}

void wasio__coro_init(wasio__coro *c, void *stack_base, size_t stack_size) {
  memset(c, 0, sizeof *c);
  c->stack_base = stack_base;
  c->stack_size = stack_size;
#if defined(WASIO_VALGRIND)
  c->valgrind_id = VALGRIND_STACK_REGISTER(stack_base,
                                           (char *)stack_base + stack_size);
#endif
  c->watched = wasio__stack_watched(stack_base);
  if (!c->watched && !altstack_ready) overflow_guard_arm();
#if defined(WASIO__ASAN)
  /* A reused stack still carries the poison of the frames of the task that
   * ended on it (they never returned). */
  __asan_unpoison_memory_region(stack_base, stack_size);
#endif
#if !defined(WASIO_CORO_UCONTEXT)
  /* What wasio__ctx_switch pops, so that its `ret` enters wasio__ctx_boot
   * with the stack 16-byte aligned, as a call would leave it. */
  uintptr_t top = ((uintptr_t)stack_base + stack_size - 16) & ~(uintptr_t)15;
  uint64_t *sp = (uint64_t *)(top - 56);
  sp[0] = 0;                       /* r15 */
  sp[1] = 0;                       /* r14 */
  sp[2] = 0;                       /* r13 */
  sp[3] = (uint64_t)(uintptr_t)c;  /* r12: the coro, for wasio__ctx_boot */
  sp[4] = 0;                       /* rbx */
  sp[5] = 0;                       /* rbp */
  sp[6] = (uint64_t)(uintptr_t)wasio__ctx_boot; /* where the switch returns */
  c->ctx = sp;
#endif
}

#if defined(WASIO_CORO_UCONTEXT)
static void ucontext_boot(void) { wasio__coro_main(NULL); }
#endif

void wasio__coro_resume(wasio__coro *c) {
  running = c;
  asan_enter(c);
#if defined(WASIO_CORO_UCONTEXT)
  ucontext_t here;
  loop_ctx = &here;
  if (!c->started) {
    ucontext_t *uc = calloc(1, sizeof *uc);
    if (uc == NULL) abort();
    getcontext(uc);
    uc->uc_stack.ss_sp = c->stack_base;
    uc->uc_stack.ss_size = c->stack_size;
    uc->uc_link = NULL;
    makecontext(uc, ucontext_boot, 0);
    c->ctx = uc;
    c->started = 1;
    booting = c;
  }
  swapcontext(&here, (ucontext_t *)c->ctx);
#else
  c->started = 1;
  wasio__ctx_switch(&loop_ctx, c->ctx);
#endif
  asan_back_in_loop();
  running = NULL;
}

/* Native suspensions need no memory: nothing to lend. */
void wasio__coro_set_hooks(const wasio__coro_hooks *hooks) { (void)hooks; }

void wasio__coro_yield(wasio__coro *c) {
  asan_leave(c, 0);
#if defined(WASIO_CORO_UCONTEXT)
  swapcontext((ucontext_t *)c->ctx, (ucontext_t *)loop_ctx);
#else
  wasio__ctx_switch(&c->ctx, loop_ctx);
#endif
  asan_back_in_task(c);
}

void wasio__coro_release(wasio__coro *c) {
#if defined(WASIO_VALGRIND)
  if (c->stack_base != NULL) {
    VALGRIND_STACK_DEREGISTER(c->valgrind_id);
    /* the frames that ended there no longer count as below a stack
     * pointer: the allocator may write its links into the stack */
    VALGRIND_MAKE_MEM_UNDEFINED(c->stack_base, c->stack_size);
  }
#endif
#if defined(WASIO_CORO_UCONTEXT)
  if (c->started) free(c->ctx);
#endif
  c->ctx = NULL;
  c->started = 0;
}
#endif /* !__wasm__ */
