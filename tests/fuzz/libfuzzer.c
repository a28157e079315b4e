/* libFuzzer's entry point: `make fuzz` links it with -fsanitize=fuzzer. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_one(data, size);
}
