/* Native task stacks, carved 64 at a time from arenas with a guard page
 * below each where the kernel has guard markers; elsewhere mmap'd one by
 * one with a guard page while the process has mappings to spare, and from
 * arenas without guards past that (see below). Threads share the
 * allocator, under a spin lock: it is taken when a stack is made or
 * freed, never on the switch path. */
#if !defined(__wasm__)
#define _GNU_SOURCE
#include "coro.h"
#define WASIO__BUILDING 1 /* the library: no call-site macros */
#include "wasio.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

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

/* Where the kernel has guard markers (MADV_GUARD_INSTALL, Linux 6.13), a
 * page can be made a guard page without a mapping of its own: every stack
 * comes from an arena, 64 stacks to a mapping, a guard page below each,
 * all 64 made guards by one system call. Without them, a stack with a
 * guard page below it is two kernel mappings (the guard and the stack
 * cannot merge), and Linux allows a process 65,530 of them
 * (vm.max_map_count). So guard pages go to the first stacks, each mapped
 * on its own, up to a budget that leaves the rest of the process most of
 * its mappings; past it, stacks come from arenas with a spare page below
 * each, and the stack's far end is watched at every switch instead
 * (wasio__coro_check). */
#if !defined(MADV_GUARD_INSTALL)
#define MADV_GUARD_INSTALL 102
#endif

#define ARENA_STACKS 64

typedef struct arena_free {
  struct arena_free *next;
} arena_free;

static struct {
  atomic_flag lock;
  size_t guard_budget;         /* guarded stacks allowed at once */
  size_t guarded;              /* guarded stacks now */
  struct arena_range {
    char *lo, *hi;
    int watched; /* no guard markers: its stacks' far ends are watched */
  } *ranges; /* sorted by address */
  size_t nranges, cap;
  struct arena_list { size_t size; arena_free *free; } lists[4];
  struct arena_list guarded_free[4]; /* guarded stacks kept for reuse */
} stacks = {ATOMIC_FLAG_INIT, (size_t)-1, 0, NULL, 0, 0, {{0, NULL}}, {{0, NULL}}};

/* Whether new arenas get guard markers: -1 until the first stack asks the
 * kernel (markers_available), then whether it has them; 0 when a test
 * turned them off, or a batch of markers failed. */
static int arena_guards = -1;
/* Whether some arena was made without them (its stacks are watched). */
static atomic_int unguarded_arenas;

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

/* The arena range holding p, or NULL. */
static struct arena_range *arena_of(const void *p) {
  size_t lo = 0, hi = stacks.nranges;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((const char *)p < stacks.ranges[mid].lo) hi = mid;
    else if ((const char *)p >= stacks.ranges[mid].hi) lo = mid + 1;
    else return &stacks.ranges[mid];
  }
  return NULL;
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

/* Advice for many ranges at once: one process_madvise on the calling
 * process where the kernel allows it (guard markers and MADV_FREE through
 * it since Linux 6.13), else a madvise a range. Stacks are made 64 at a
 * time in an arena and given back in batches of 64: a system call per
 * stack was a third of the time a burst of 100,000 sleeping tasks took.
 * Returns 0 when every range took the advice. */
static int batch_advice_works = 1;

static int advise(struct iovec *iov, size_t n, int advice) {
#if defined(SYS_process_madvise) && defined(SYS_pidfd_open)
  if (batch_advice_works) {
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += iov[i].iov_len;
    int fd = (int)syscall(SYS_pidfd_open, getpid(), 0);
    long done = fd >= 0 ? syscall(SYS_process_madvise, fd, iov, n, advice, 0)
                        : -1;
    if (fd >= 0) close(fd);
    if (done >= 0 && (size_t)done == total) return 0;
    if (done < 0) batch_advice_works = 0; /* not here: one at a time */
    /* a partial batch: the advice is idempotent, give it again below */
  }
#endif
  for (size_t i = 0; i < n; i++)
    if (madvise(iov[i].iov_base, iov[i].iov_len, advice) != 0) return -1;
  return 0;
}

/* Free stacks are kept on lists linked through their top page, which the
 * next task uses first anyway: the far end of an arena stack must stay
 * untouched (wasio__coro_check), and the rest of a free stack is given
 * back to the system. */
static arena_free **link_of(void *base, size_t size) {
  return (arena_free **)((char *)base + size - page_size());
}

static void push_free(struct arena_list *list, void *base) {
  *link_of(base, list->size) = list->free;
  list->free = base;
}

static void *pop_free(struct arena_list *list) {
  arena_free *f = list->free;
  list->free = *link_of(f, list->size);
  return f;
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
    stacks.ranges[at].lo = mem;
    stacks.ranges[at].hi = mem + stride * ARENA_STACKS;
    stacks.ranges[at].watched = 0;
    stacks.nranges++;
    /* the spare page of each slot is at its bottom, below the stack */
    struct iovec guards[ARENA_STACKS];
    for (size_t i = 0; i < ARENA_STACKS; i++)
      guards[i] = (struct iovec){mem + i * stride, page};
    for (size_t i = ARENA_STACKS; i-- > 0;) push_free(list, mem + i * stride + page);
    /* a batch that fails (no memory for the markers) sets none for good */
    if (arena_guards)
      arena_guards = advise(guards, ARENA_STACKS, MADV_GUARD_INSTALL) == 0;
    if (arena_guards == 0) {
      atomic_store_explicit(&unguarded_arenas, 1, memory_order_release);
      stacks.ranges[at].watched = 1;
    }
  }
  *base = pop_free(list);
  return 0;
}

/* Freed stacks wait here until a batch of them gives its pages back (they
 * go on the free lists after that, not before: a stack in use must never
 * be given back). Called with the lock held. */
#define PENDING 64
static struct pending {
  void *base;
  struct arena_list *list; /* the free list it goes on */
  int arena;
} pending[PENDING];
static size_t npending;

static void flush_pending(void) {
  size_t page = page_size();
  struct iovec arena_iov[PENDING], kept_iov[PENDING];
  size_t na = 0, nk = 0;
  for (size_t i = 0; i < npending; i++) {
    char *base = pending[i].base;
    size_t size = pending[i].list->size;
    /* an arena stack from its spare page (an overflow that came back may
     * have written there) up to its top page, which holds the link; a
     * guarded stack up to its top page, lazily */
    if (pending[i].arena)
      arena_iov[na++] = (struct iovec){base - page, size};
    else
      kept_iov[nk++] = (struct iovec){base, size - page};
  }
  if (na > 0) advise(arena_iov, na, MADV_DONTNEED);
  if (nk > 0) {
#if defined(MADV_FREE)
    if (advise(kept_iov, nk, MADV_FREE) != 0)
#endif
      advise(kept_iov, nk, MADV_DONTNEED);
  }
  for (size_t i = 0; i < npending; i++)
    push_free(pending[i].list, pending[i].base);
  npending = 0;
}

/* Whether the kernel has guard markers: a page of a scratch mapping is
 * made one. Called with the lock held. */
static int markers_available(void) {
  size_t page = page_size();
  char *mem = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  int yes = mem != MAP_FAILED && madvise(mem, page, MADV_GUARD_INSTALL) == 0;
  if (mem != MAP_FAILED) munmap(mem, 2 * page);
  return yes;
}

int wasio__stack_alloc(size_t size, void **base) {
  size_t page = page_size();
  int rc;
  stacks_lock();
  struct arena_list *kept = size_list(stacks.guarded_free, size);
  struct arena_list *arena = size_list(stacks.lists, size);
  if (npending > 0 && (kept == NULL || kept->free == NULL) &&
      (arena == NULL || arena->free == NULL))
    flush_pending(); /* freed stacks before new ones */
  if (arena_guards < 0) arena_guards = markers_available();
  /* With guard markers, every stack comes from an arena: it has a guard
   * page all the same, without a mapping and two system calls of its own
   * (a fifth stack size, which arenas do not take, gets a mapping). */
  if (arena_guards && arena_alloc(size, base) == 0) {
    stacks_unlock();
    return 0;
  }
  if (kept != NULL && kept->free != NULL) {
    *base = pop_free(kept);
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
  /* An arena stack keeps its address range. A guarded one stays mapped,
   * with its guard, for the next task: unmapping and mapping again cost
   * three system calls and two page-table changes a task (a wave of 10,000
   * tasks spent most of its time there). Either gives its pages back with
   * the next batch. */
  int arena = arena_of(base) != NULL;
  struct arena_list *list = size_list(arena ? stacks.lists : stacks.guarded_free,
                                      size);
  if (list != NULL) {
    pending[npending++] = (struct pending){base, list, arena};
    if (npending == PENDING) flush_pending();
    stacks_unlock();
    return;
  }
  stacks.guarded--;
  stacks_unlock();
  munmap((char *)base - page, size + page);
}

size_t wasio__stack_guard_budget(size_t budget) {
  stacks_lock();
  size_t old = guard_budget();
  stacks.guard_budget = budget;
  stacks_unlock();
  return old;
}

int wasio__stack_arena_guards(int use) {
  stacks_lock();
  int old = arena_guards;
  if (use == 0) arena_guards = 0;
  else if (arena_guards == 0) arena_guards = -1; /* the kernel decides */
  stacks_unlock();
  return old;
}

int wasio__stack_watched(const void *base) {
  /* Every arena guarded (the common case): no lock. A stack from an
   * arena was handed out under the lock, after its range was recorded. */
  if (!atomic_load_explicit(&unguarded_arenas, memory_order_acquire)) return 0;
  stacks_lock();
  struct arena_range *r = arena_of(base);
  int watched = r != NULL && r->watched;
  stacks_unlock();
  return watched;
}
#endif /* !__wasm__ */
