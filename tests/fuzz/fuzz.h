/* The fuzz harness (ops.c), shared by libFuzzer (libfuzzer.c) and the
 * deterministic replay that `make test` runs (replay.c). */
#ifndef WASIO_FUZZ_H
#define WASIO_FUZZ_H

#include "../../src/wasio.h"

#include <stddef.h>
#include <stdint.h>

/* Runs one input as a program; aborts on a broken invariant. */
int fuzz_one(const uint8_t *data, size_t size);
/* Operations executed so far, every input together. */
extern unsigned long long fuzz_ops;

#endif
