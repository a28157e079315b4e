/* The fuzz harness without libFuzzer, for `make test`: runs every file of
 * the given directories (the seed corpus and the regressions: inputs that
 * once broke something), then programs generated from a fixed seed until
 * the operation count reaches --ops (default 1,000,000). Deterministic: the
 * same build runs the same programs in the same order.
 *
 *   replay [--ops N] [--seed S] [--write-seeds DIR K] DIR...
 *
 * --write-seeds writes K generated programs to DIR (how the committed seed
 * corpus was made) and exits. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_random(void) { /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 0x2545f4914f6cdd1dull;
}

/* A program: 16 to 527 bytes, most of them small numbers so that slots and
 * delays repeat (what makes tasks meet). */
static size_t generate(uint8_t *buf) {
  size_t n = 16 + next_random() % 512;
  for (size_t i = 0; i < n; i++) {
    uint64_t r = next_random();
    buf[i] = (uint8_t)((r & 3) == 0 ? r >> 8 : (r >> 8) % 24);
  }
  return n;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *files) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      names = realloc(names, cap * sizeof *names);
      if (names == NULL) abort();
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (n > 0) qsort(names, n, sizeof *names, cmp);
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
      fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
      return -1;
    }
    static uint8_t buf[1 << 16];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    fuzz_one(buf, len);
    (*files)++;
    free(names[i]);
  }
  free(names);
  return 0;
}

int main(int argc, char **argv) {
  unsigned long long target = 1000000;
  size_t files = 0, programs = 0;
  int i = 1;
  for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
    if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc) {
      target = strtoull(argv[++i], NULL, 10);
    } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      rng ^= strtoull(argv[++i], NULL, 0) * 0xbf58476d1ce4e5b9ull;
      if (rng == 0) rng = 1;
    } else if (strcmp(argv[i], "--write-seeds") == 0 && i + 2 < argc) {
      const char *dir = argv[++i];
      int k = atoi(argv[++i]);
      for (int j = 0; j < k; j++) {
        uint8_t buf[600];
        size_t n = generate(buf);
        char path[4096];
        snprintf(path, sizeof path, "%s/seed-%03d", dir, j);
        FILE *f = fopen(path, "wb");
        if (f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
          fprintf(stderr, "replay: cannot write %s\n", path);
          return 2;
        }
      }
      return 0;
    } else {
      fprintf(stderr, "usage: replay [--ops N] [--seed S] [--write-seeds DIR K] DIR...\n");
      return 2;
    }
  }
  for (; i < argc; i++)
    if (run_dir(argv[i], &files) != 0) return 2;
  unsigned long long from_files = fuzz_ops;
  while (fuzz_ops < target) {
    uint8_t buf[600];
    size_t n = generate(buf);
    fuzz_one(buf, n);
    programs++;
  }
  printf("fuzz replay: %zu inputs from the corpus (%llu operations), %zu "
         "generated programs; %llu operations in all, every invariant held\n",
         files, from_files, programs, fuzz_ops);
  return 0;
}
