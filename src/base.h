/* What every file of src/ builds on: the platform, thread-local storage,
 * time units. Nothing here knows about loops or tasks. */
#ifndef WASIO_BASE_H
#define WASIO_BASE_H

#include <stddef.h>
#include <stdint.h>

#if defined(__wasm__)
#define WASIO__WASM 1
#endif

#define WASIO__NOINLINE __attribute__((noinline))

#if defined(WASIO__WASM)
#define WASIO__TLS /* wasm: one thread */
#else
#define WASIO__TLS _Thread_local
#endif

#if defined(__GNUC__)
#define WASIO__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define WASIO__PRINTF(fmt, args)
#endif

#define WASIO__NS_PER_S 1000000000ull
/* A timeout or deadline that never comes. */
#define WASIO__FOREVER UINT64_MAX
/* The timers' clock starts this far (2^62 ns, about 146 years) before the
 * loop's time 0, so that deadlines already past keep their order even at
 * the start of a loop; a time 0 stays 0 to the user. Past that far back
 * they are all due at the clock's 0, in arming order. */
#define WASIO__PAST ((uint64_t)1 << 62)
/* The virtual clock stops here: the timers' clock never wraps. */
#define WASIO__CLOCK_END (WASIO__FOREVER - 1 - WASIO__PAST)

#define WASIO__CONTAINER(ptr, type, member) \
  ((type *)((char *)(ptr) - offsetof(type, member)))

#endif /* WASIO_BASE_H */
