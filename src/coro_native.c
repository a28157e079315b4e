/* Native coroutines: each task runs on its own mmap'd stack, with a guard
 * page below it while the process has mappings to spare (see below). The switch is a few lines of x86_64 assembly that save the
 * callee-saved registers on the old stack and pop them off the new one;
 * elsewhere (or with -DWASIO_CORO_UCONTEXT) it is ucontext. AddressSanitizer
 * is told about every switch, or it would see the task stacks as garbage. */
#if !defined(__wasm__)
#define _GNU_SOURCE
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <unistd.h>

#if !defined(__x86_64__) && !defined(WASIO_CORO_UCONTEXT)
#define WASIO_CORO_UCONTEXT 1
#endif
#if defined(WASIO_CORO_UCONTEXT)
#include <ucontext.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define WASIO__ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WASIO__ASAN 1
#endif
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

/* The loop's side of the switch, one per thread. */
static WASIO__TLS void *loop_ctx;
static WASIO__TLS wasio__coro *booting;
#if !defined(WASIO_CORO_UCONTEXT)
void wasio__ctx_switch(void **save, void *to);
#endif
#if defined(WASIO__ASAN)
static WASIO__TLS void *loop_fake_stack;
static WASIO__TLS const void *loop_stack_bottom;
static WASIO__TLS size_t loop_stack_size;
#endif

static size_t page_size(void) {
  static size_t page;
  if (page == 0) page = (size_t)sysconf(_SC_PAGESIZE);
  return page;
}

size_t wasio__stack_round(size_t requested) {
  size_t page = page_size();
  size_t size = requested ? requested : 256 * 1024;
  if (size < 16 * 1024) size = 16 * 1024;
  return (size + page - 1) / page * page;
}

/* Every stack with a guard page below it is two kernel mappings (the guard
 * and the stack cannot merge), and Linux allows a process 65,530 of them
 * (vm.max_map_count). So guard pages go to the first stacks, up to a
 * budget that leaves the rest of the process most of its mappings; past
 * it, stacks are carved from shared arenas, a spare page between each and
 * the next instead of a guard, and their far end checked at every switch
 * (wasio__coro_check). A program with tens of thousands of tasks suspended
 * at once gets there; most never do. */
#define ARENA_STACKS 64

typedef struct arena_free {
  struct arena_free *next;
} arena_free;

static struct {
  atomic_flag lock;
  size_t guard_budget;         /* guarded stacks allowed at once */
  size_t guarded;              /* guarded stacks now */
  struct arena_range { char *lo, *hi; } *ranges; /* sorted by address */
  size_t nranges, cap;
  struct arena_list { size_t size; arena_free *free; } lists[4];
  struct arena_list guarded_free[4]; /* guarded stacks kept for reuse */
} stacks = {ATOMIC_FLAG_INIT, (size_t)-1, 0, NULL, 0, 0, {{0, NULL}}, {{0, NULL}}};

static atomic_int arenas_exist;

static void stacks_lock(void) {
  while (atomic_flag_test_and_set_explicit(&stacks.lock, memory_order_acquire))
    ;
}
static void stacks_unlock(void) {
  atomic_flag_clear_explicit(&stacks.lock, memory_order_release);
}

static size_t guard_budget(void) {
  if (stacks.guard_budget == (size_t)-1) {
    long max = 65530;
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f != NULL) {
      if (fscanf(f, "%ld", &max) != 1) max = 65530;
      fclose(f);
    }
    /* half the mappings for guarded stacks (two each), at most */
    stacks.guard_budget = max > 16384 ? (size_t)(max / 4) : 0;
  }
  return stacks.guard_budget;
}

static int in_arena(const void *p) {
  size_t lo = 0, hi = stacks.nranges;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((const char *)p < stacks.ranges[mid].lo) hi = mid;
    else if ((const char *)p >= stacks.ranges[mid].hi) lo = mid + 1;
    else return 1;
  }
  return 0;
}

static struct arena_list *size_list(struct arena_list *lists, size_t size) {
  for (size_t i = 0; i < 4; i++) {
    if (lists[i].size == size || lists[i].size == 0) {
      lists[i].size = size;
      return &lists[i];
    }
  }
  return NULL;
}

/* A stack from an arena of `size`-byte stacks; called with the lock held. */
static int arena_alloc(size_t size, void **base) {
  size_t page = page_size();
  struct arena_list *list = size_list(stacks.lists, size);
  if (list == NULL) return WASIO_ENOMEM; /* a fifth stack size: unusual */
  if (list->free == NULL) {
    size_t stride = size + page;
    char *mem = mmap(NULL, stride * ARENA_STACKS, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED) return WASIO_ENOMEM;
    if (stacks.nranges == stacks.cap) {
      size_t cap = stacks.cap ? stacks.cap * 2 : 64;
      void *grown = realloc(stacks.ranges, cap * sizeof *stacks.ranges);
      if (grown == NULL) {
        munmap(mem, stride * ARENA_STACKS);
        return WASIO_ENOMEM;
      }
      stacks.ranges = grown;
      stacks.cap = cap;
    }
    size_t at = stacks.nranges;
    while (at > 0 && stacks.ranges[at - 1].lo > mem) at--;
    memmove(&stacks.ranges[at + 1], &stacks.ranges[at],
            (stacks.nranges - at) * sizeof *stacks.ranges);
    atomic_store_explicit(&arenas_exist, 1, memory_order_release);
    stacks.ranges[at].lo = mem;
    stacks.ranges[at].hi = mem + stride * ARENA_STACKS;
    stacks.nranges++;
    /* the spare page of each slot is at its bottom, below the stack */
    for (size_t i = ARENA_STACKS; i-- > 0;) {
      arena_free *f = (arena_free *)(mem + i * stride + page);
      f->next = list->free;
      list->free = f;
    }
  }
  *base = list->free;
  list->free = list->free->next;
  return 0;
}

int wasio__stack_alloc(size_t size, void **base) {
  size_t page = page_size();
  int rc;
  stacks_lock();
  struct arena_list *kept = size_list(stacks.guarded_free, size);
  if (kept != NULL && kept->free != NULL) {
    *base = kept->free;
    kept->free = *(arena_free **)((char *)kept->free + size - page);
    stacks_unlock();
    return 0;
  }
  if (stacks.guarded < guard_budget()) {
    stacks.guarded++;
    stacks_unlock();
    char *mem = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    /* The guard page turns an overflow into a fault, not silent damage. */
    if (mem != MAP_FAILED && mprotect(mem, page, PROT_NONE) == 0) {
      *base = mem + page;
      return 0;
    }
    if (mem != MAP_FAILED) munmap(mem, size + page);
    stacks_lock();
    stacks.guarded--;
  }
  rc = arena_alloc(size, base);
  stacks_unlock();
  return rc;
}

void wasio__stack_free(void *base, size_t size) {
  size_t page = page_size();
  stacks_lock();
  if (in_arena(base)) {
    /* give the memory back, keep the address range for the next stack */
    madvise(base, size, MADV_DONTNEED);
    struct arena_list *list = size_list(stacks.lists, size);
    arena_free *f = base;
    f->next = list->free;
    list->free = f;
    stacks_unlock();
    return;
  }
  /* Keep it, mapped with its guard, for the next task: unmapping and
   * mapping again cost three system calls and two page-table changes a
   * task (a wave of 10,000 tasks spent most of its time there). Its pages
   * go back to the system, lazily. */
  struct arena_list *kept = size_list(stacks.guarded_free, size);
  if (kept != NULL) {
#if defined(MADV_FREE)
    if (madvise(base, size - page, MADV_FREE) != 0)
#endif
      madvise(base, size - page, MADV_DONTNEED);
    /* the link lives in the top page, which keeps its contents */
    *(arena_free **)((char *)base + size - page) = kept->free;
    kept->free = base;
    stacks_unlock();
    return;
  }
  stacks.guarded--;
  stacks_unlock();
  munmap((char *)base - page, size + page);
}

/* A guarded stack cannot overflow unnoticed: the fault handler below ends
 * the task. An arena stack carries a canary at its far end, checked at
 * every switch, with a spare page below it to take a small overflow. */
#define CANARY 0x4f4953574f495357ull /* "WSIOWSIO" */

int wasio__coro_check(wasio__coro *c) {
  if (c->overflowed) return WASIO__STACK_ABANDONED;
  if (!c->arena || *(const uint64_t *)c->stack_base == CANARY)
    return WASIO__STACK_OK;
  /* Suspended below its stack: it is still overflowing. */
  if (c->started && (char *)c->ctx < (char *)c->stack_base)
    return WASIO__STACK_DAMAGED;
  *(uint64_t *)c->stack_base = CANARY; /* to see the next one */
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
  wasio_loop *loop = wasio__running;
  wasio__coro *c = loop && loop->current ? &loop->current->coro : NULL;
  uintptr_t sp = 0;
#if defined(__x86_64__) && defined(__linux__)
  sp = (uintptr_t)((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_RSP];
#else
  sp = (uintptr_t)info->si_addr;
#endif
  uintptr_t base = c ? (uintptr_t)c->stack_base : 0;
  if (c != NULL && !c->arena && sp < base + 256 && sp + (1u << 20) > base) {
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
  c->entry(c->arg);
  leave_for_good(c);
}

void wasio__coro_init(wasio__coro *c, void (*entry)(void *), void *arg,
                      void *stack_base, size_t stack_size) {
  memset(c, 0, sizeof *c);
  c->entry = entry;
  c->arg = arg;
  c->stack_base = stack_base;
  c->stack_size = stack_size;
#if defined(WASIO_VALGRIND)
  c->valgrind_id = VALGRIND_STACK_REGISTER(stack_base,
                                           (char *)stack_base + stack_size);
#endif
  /* No arena yet (the common case): no lock. A stack from an arena was
   * handed out under the lock, after its range was recorded. */
  if (atomic_load_explicit(&arenas_exist, memory_order_acquire)) {
    stacks_lock();
    c->arena = in_arena(stack_base);
    stacks_unlock();
  }
  if (!c->arena && !altstack_ready) overflow_guard_arm();
#if defined(WASIO__ASAN)
  /* A reused stack still carries the poison of the frames of the task that
   * ended on it (they never returned). */
  __asan_unpoison_memory_region(stack_base, stack_size);
#endif
  if (c->arena) *(uint64_t *)stack_base = CANARY;
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
}

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
