# wasio: one core, three builds.
#   build/native/  wasio (CLI), libwasio.a, wasio-tests (ASan+UBSan)
#   build/wasi/    wasio.wasm (WASI preview1 command), wasio-tests.wasm
#   build/web/     wasio.mjs + wasio_core.{mjs,wasm} (Emscripten, JS host)
# `make help` lists the targets.

.DEFAULT_GOAL := all
.SUFFIXES:
.SECONDARY:
.DELETE_ON_ERROR:

# ------------------------------------------------------------ toolchains
CC        ?= cc
NATIVE_CC ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
# WASI: Debian's clang-16 + wasi-libc, or a wasi-sdk when WASI_SDK_PATH is set.
ifdef WASI_SDK_PATH
WASI_CC      ?= $(WASI_SDK_PATH)/bin/clang
WASI_SYSROOT ?= $(WASI_SDK_PATH)/share/wasi-sysroot
else
WASI_CC      ?= clang-16
WASI_SYSROOT ?= /usr
endif
EMCC      ?= emcc
EMAR      ?= emar
WASM_OPT  ?= wasm-opt
ifdef WASI_SDK_PATH
WASI_AR   ?= $(WASI_SDK_PATH)/bin/llvm-ar
else
WASI_AR   ?= llvm-ar-16
endif
PREFIX    ?= /usr/local
WASIO_VERSION := $(shell sed -n 's/^\#define WASIO_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)/\2/p' src/wasio.h | paste -sd.)
NODE      ?= node
export NODE_PATH := $(NODE_PATH):/usr/share/nodejs

CSTD      := -std=c11
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# Task code runs on fixed-size stacks with one guard page below each:
# -fstack-clash-protection probes every page of a large frame, so a frame
# bigger than the guard faults there (WASIO_ESTACK) instead of landing in
# the next task's stack. Programs that link wasio natively want it too.
CLASH     := -fstack-clash-protection
NATIVE_CFLAGS ?= -O2 -g $(CLASH)
SAN_FLAGS := -O1 -g $(CLASH) -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
WASI_CFLAGS   := --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -O2
EMCC_CFLAGS   := -O2

# ------------------------------------------------------------ sources
CORE_SRC  := $(wildcard src/*.c)
CORE_HDR  := $(wildcard src/*.h)
DEMO_SRC  := $(wildcard demos/*.c)
DEMO_HDR  := demos/demo.h wasi/timeline.h
TEST_SRC  := $(wildcard tests/c/*.c)
TEST_HDR  := tests/c/test.h tests/c/list.h
CLI_SRC   := wasi/main.c wasi/timeline.c

B := build
NATIVE_OBJ   = $(patsubst %.c,$(B)/native/obj/%.o,$(CORE_SRC))
WASI_OBJ     = $(patsubst %.c,$(B)/wasi/obj/%.o,$(CORE_SRC)) $(B)/wasi/obj/src/coro_sp.o
# The web library: the core, the switch's accessors and web/app.c, the C
# side of the JavaScript host; the demos are a module linked against it.
WEB_LIB_OBJ  = $(patsubst %.c,$(B)/web/obj/%.o,$(CORE_SRC) web/app.c) $(B)/web/obj/src/coro_sp.o
WEB_DEMO_OBJ = $(patsubst %.c,$(B)/web/obj/%.o,$(DEMO_SRC) web/demos.c)

# Core objects depend on the core's headers only; the demos, the CLI, the
# glue and the tests on theirs too.
$(foreach t,wasi web,$(patsubst %.c,$(B)/$(t)/obj/%.o,$(DEMO_SRC) $(CLI_SRC) web/demos.c)): $(DEMO_HDR)
$(foreach t,wasi web,$(patsubst %.c,$(B)/$(t)/obj/%.o,$(TEST_SRC))): $(DEMO_HDR) $(TEST_HDR)

# The wasm pipeline after every link (WASI and Emscripten alike):
# stack_check gives every task's stack a hard limit (scripts/stack-check.mjs,
# $(1) in, $(2) out), asyncify instruments what can switch ($(1) in place).
# Both are steps of scripts/wasio-cc, the SDK's compiler driver, so that
# programs built with it go through exactly these passes.
WASIO_CC_ENV := WASM_OPT=$(WASM_OPT) NODE=$(NODE)
SDK_SCRIPTS := scripts/stack-check.mjs scripts/asyncify-list.mjs scripts/check-imports.mjs
define stack_check
	$(WASIO_CC_ENV) scripts/wasio-cc --stack-check $(1) $(2)
endef
define asyncify
	$(WASIO_CC_ENV) scripts/wasio-cc --asyncify $(1)
endef

# ------------------------------------------------------------ top level
.PHONY: FORCE screenshots all native wasi web test test-c test-js test-conformance test-examples install demo bench bench-quick deps clean help serve golden fuzz fuzz-replay valgrind soak

all: native wasi web ## build all three targets

native: $(B)/native/wasio $(B)/native/libwasio.a $(B)/native/wasio-tests $(B)/native/fuzz-replay $(B)/native/conformance
wasi: $(B)/wasi/wasio.wasm $(B)/wasi/libwasio.a $(B)/wasi/wasio-tests.wasm $(B)/wasi/conformance.wasm
web: $(B)/web/wasio.mjs $(B)/web/wasio.d.ts $(B)/web/wasio_core.mjs $(B)/web/libwasio.a $(B)/web/test/wasio-tests.js $(B)/web/test/app.mjs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 22

# ------------------------------------------------------------ native
$(B)/native/obj/%.o: %.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(NATIVE_CC) $(CSTD) $(WARN) $(NATIVE_CFLAGS) -c $< -o $@

$(B)/native/libwasio.a: $(NATIVE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/native/wasio: $(CLI_SRC) $(DEMO_SRC) $(DEMO_HDR) $(B)/native/libwasio.a
	$(NATIVE_CC) $(CSTD) $(WARN) $(NATIVE_CFLAGS) -o $@ $(CLI_SRC) $(DEMO_SRC) $(B)/native/libwasio.a -lm

$(B)/native/bench-switch: bench/switch.c $(B)/native/libwasio.a
	$(NATIVE_CC) $(CSTD) $(WARN) $(NATIVE_CFLAGS) -o $@ $< $(B)/native/libwasio.a -lm

# The test build compiles the core again, with the sanitizers.
$(B)/native/wasio-tests: $(CORE_SRC) $(DEMO_SRC) $(TEST_SRC) $(CORE_HDR) $(DEMO_HDR) $(TEST_HDR)
	@mkdir -p $(@D)
	$(NATIVE_CC) $(CSTD) $(WARN) $(SAN_FLAGS) -o $@ $(CORE_SRC) $(DEMO_SRC) $(TEST_SRC) -lm

# ------------------------------------------------------------ twins
# tests/conformance/: each NAME.c beside its NAME.py (CPython's asyncio, the
# oracle). All C twins link into one program per target; twins.h lists
# them, remade when the set of files changes.
TWIN_SRC := $(filter-out tests/conformance/twin.c,$(wildcard tests/conformance/*.c))
TWIN_HDR := tests/conformance/twin.h $(B)/conformance/twins.h

$(B)/conformance/twins.h: FORCE
	@mkdir -p $(@D)
	@for f in $(sort $(TWIN_SRC)); do n=$${f##*/}; echo "TWIN($${n%.c})"; done > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(B)/native/conformance: $(CORE_SRC) $(CORE_HDR) $(TWIN_SRC) tests/conformance/twin.c $(TWIN_HDR)
	@mkdir -p $(@D)
	$(NATIVE_CC) $(CSTD) $(WARN) $(SAN_FLAGS) -I$(B)/conformance -o $@ $(CORE_SRC) $(TWIN_SRC) tests/conformance/twin.c -lm

FORCE:

# ------------------------------------------------------------ fuzzing
# tests/fuzz/ops.c reads bytes as a program of loop operations and checks
# the loop's invariants after every step. The replay (ASan+UBSan, gcc) runs
# the seed corpus, the regressions and generated programs up to FUZZ_OPS
# operations, deterministically, in make test; make fuzz runs libFuzzer
# (clang) on it for FUZZ_SECONDS.
FUZZ_SRC     := tests/fuzz/ops.c
FUZZ_OPS     ?= 1000000
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang-16
$(B)/native/fuzz-replay: $(CORE_SRC) $(CORE_HDR) $(FUZZ_SRC) tests/fuzz/replay.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(NATIVE_CC) $(CSTD) $(WARN) $(SAN_FLAGS) -o $@ $(CORE_SRC) $(FUZZ_SRC) tests/fuzz/replay.c -lm

fuzz-replay: $(B)/native/fuzz-replay ## the fuzz corpus, regressions and FUZZ_OPS generated operations
	$(B)/native/fuzz-replay --ops $(FUZZ_OPS) tests/fuzz/corpus tests/fuzz/regressions

$(B)/fuzz/wasio-fuzz: $(CORE_SRC) $(CORE_HDR) $(FUZZ_SRC) tests/fuzz/libfuzzer.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -o $@ $(CORE_SRC) $(FUZZ_SRC) tests/fuzz/libfuzzer.c -lm

fuzz: deps $(B)/fuzz/wasio-fuzz ## libFuzzer for FUZZ_SECONDS (60); finds go to build/fuzz/
	@mkdir -p $(B)/fuzz/corpus
	$(B)/fuzz/wasio-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -artifact_prefix=$(B)/fuzz/ $(B)/fuzz/corpus tests/fuzz/corpus tests/fuzz/regressions

# ------------------------------------------------------------ valgrind
# The C suite without the sanitizers, under memcheck: leaks and bad reads
# that ASan's build does not see the same way (and the task stacks, which
# memcheck is told about as they switch).
$(B)/native/wasio-tests-plain: $(CORE_SRC) $(DEMO_SRC) $(TEST_SRC) $(CORE_HDR) $(DEMO_HDR) $(TEST_HDR)
	@mkdir -p $(@D)
	$(NATIVE_CC) $(CSTD) $(WARN) -O1 -g $(CLASH) -DWASIO_VALGRIND -o $@ $(CORE_SRC) $(DEMO_SRC) $(TEST_SRC) -lm

valgrind: deps $(B)/native/wasio-tests-plain ## the C suite under valgrind memcheck
	WASIO_TESTS_SKIP_REAL=1 valgrind --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect --quiet $(B)/native/wasio-tests-plain

# ------------------------------------------------------------ soak
# The stress demo's waves of tasks (random sleeps, cancellations) over and
# over for SOAK_SECONDS on each CLI target at once, the memory held printed
# every minute; it fails if the counts do not add up or the memory of the
# last minute is over 10 % above the first's. Not in make test.
SOAK_SECONDS ?= 600
soak: deps native wasi ## 10 minutes of tasks natively and on node:wasi: stable memory, counts that add up
	$(B)/native/wasio demo stress --mode soak --virtual-time --set seconds=$(SOAK_SECONDS) & native=$$!; \
	$(NODE) wasi/wasio.mjs demo stress --mode soak --virtual-time --set seconds=$(SOAK_SECONDS); wasi=$$?; \
	wait $$native && [ $$wasi -eq 0 ]

# ------------------------------------------------------------ WASI
$(B)/wasi/obj/%.o: %.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(WASI_CC) $(CSTD) $(WARN) $(WASI_CFLAGS) -c $< -o $@

$(B)/wasi/obj/%.o: %.S
	@mkdir -p $(@D)
	$(WASI_CC) $(WASI_CFLAGS) -c $< -o $@

# Link without -O: the clang driver would run wasm-opt itself and strip the
# names. Then Asyncify turns the "asyncify" imports into module functions,
# leaving only wasi_snapshot_preview1 imports.
# scripts/stack-check.mjs first: every task's stack gets a hard limit.
$(B)/wasi/%.checked.wasm: $(B)/wasi/%.pre.wasm scripts/stack-check.mjs
	$(call stack_check,$<,$@)

$(B)/wasi/%.wasm: $(B)/wasi/%.checked.wasm
	cp $< $@
	$(call asyncify,$@)
	@$(NODE) scripts/check-imports.mjs $@

$(B)/wasi/wasio.pre.wasm: $(WASI_OBJ) $(patsubst %.c,$(B)/wasi/obj/%.o,$(DEMO_SRC) $(CLI_SRC))
	$(WASI_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -o $@ $^ -lm

# The library a WASI program of one's own links (scripts/wasio-cc): the core
# and the switch's two stack-pointer accessors.
$(B)/wasi/libwasio.a: $(WASI_OBJ)
	rm -f $@
	$(WASI_AR) rcs $@ $^

# The same CLI module without Asyncify, for bench/cpu_wasm.mjs to compare.
$(B)/wasi/wasio-plain.wasm: $(B)/wasi/wasio.checked.wasm
	$(WASM_OPT) -O2 --strip-debug $< -o $@

$(B)/wasi/bench-switch.pre.wasm: $(WASI_OBJ) $(B)/wasi/obj/bench/switch.o
	$(WASI_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -o $@ $^ -lm

# The test module has a 256 MiB memory maximum, for the out-of-memory case.
$(B)/wasi/wasio-tests.pre.wasm: $(WASI_OBJ) $(patsubst %.c,$(B)/wasi/obj/%.o,$(DEMO_SRC) $(TEST_SRC))
	$(WASI_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -Wl,--max-memory=268435456 -o $@ $^ -lm

# The twin suite's C side (tests/conformance/run.mjs runs it).
TWIN_WASI_OBJ := $(patsubst %.c,$(B)/wasi/obj/%.o,$(TWIN_SRC) tests/conformance/twin.c)
$(TWIN_WASI_OBJ): $(TWIN_HDR)
$(B)/wasi/obj/tests/conformance/twin.o: tests/conformance/twin.c $(TWIN_HDR) $(CORE_HDR)
	@mkdir -p $(@D)
	$(WASI_CC) $(CSTD) $(WARN) $(WASI_CFLAGS) -I$(B)/conformance -c $< -o $@

$(B)/wasi/conformance.pre.wasm: $(WASI_OBJ) $(TWIN_WASI_OBJ)
	$(WASI_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -o $@ $^ -lm

# ------------------------------------------------------------ web (Emscripten)
$(B)/web/obj/%.o: %.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(EMCC) $(CSTD) $(WARN) $(EMCC_CFLAGS) -c $< -o $@

$(B)/web/obj/%.o: %.S
	@mkdir -p $(@D)
	$(EMCC) $(EMCC_CFLAGS) -c $< -o $@

# A program's web module (scripts/wasio-cc --target=web, which the SDK's
# users run too): the demos are one, linked against the web library.
$(B)/web/libwasio.a: $(WEB_LIB_OBJ)
	@rm -f $@
	$(EMAR) rcs $@ $^

$(B)/web/wasio_core.wasm: $(B)/web/wasio_core.mjs ;
$(B)/web/wasio_core.mjs: $(WEB_DEMO_OBJ) $(B)/web/libwasio.a scripts/wasio-cc $(SDK_SCRIPTS)
	$(WASIO_CC_ENV) EMCC=$(EMCC) scripts/wasio-cc --target=web -o $@ $(WEB_DEMO_OBJ)

# The C suite in the web build, run by Node (a CommonJS script: build/web/
# test/ has a package.json saying so, since the project's says "module").
WEB_TEST_OBJ = $(patsubst %.c,$(B)/web/obj/%.o,$(CORE_SRC) $(DEMO_SRC) $(TEST_SRC)) $(B)/web/obj/src/coro_sp.o
# A module of one's own for tests/js/load.test.mjs, built as a user would.
$(B)/web/test/app.mjs: tests/js/fixtures/app.c $(B)/web/libwasio.a scripts/wasio-cc $(SDK_SCRIPTS)
	@mkdir -p $(@D)
	$(WASIO_CC_ENV) EMCC=$(EMCC) scripts/wasio-cc --target=web $(WARN) -o $@ $<

# Linked by wasio-cc as a program's module is, with settings for a Node
# script that runs its main() and exits (later settings win).
$(B)/web/test/wasio-tests.js: $(WEB_TEST_OBJ) $(B)/web/libwasio.a scripts/wasio-cc
	@mkdir -p $(@D)
	echo '{ "type": "commonjs" }' > $(@D)/package.json
	$(WASIO_CC_ENV) EMCC=$(EMCC) scripts/wasio-cc --target=web --export=_main -o $@ $(WEB_TEST_OBJ) \
	  -sEXPORT_ES6=0 -sENVIRONMENT=node -sINVOKE_RUN=1 -sEXIT_RUNTIME=1 \
	  -sMAXIMUM_MEMORY=256MB -sABORTING_MALLOC=0

$(B)/web/wasio.mjs: web/wasio.mjs
	@mkdir -p $(@D)
	cp $< $@

$(B)/web/wasio.d.ts: web/wasio.d.ts
	@mkdir -p $(@D)
	cp $< $@

# Emscripten's own fibers (emscripten_fiber_swap, -sASYNCIFY), a contender
# in the benchmarks: bench/fibers.c, run by bench/fibers.mjs (Node) and
# bench/fibers_chromium.mjs. The runners hand the loader the wasm bytes;
# main runs when they call callMain([workload, n]).
FIBERS_FLAGS := -sASYNCIFY -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 -sEXPORT_ES6=1 \
  -sENVIRONMENT=web -sINVOKE_RUN=0 -sEXPORTED_RUNTIME_METHODS=callMain
$(B)/web/fibers/fibers.mjs: bench/fibers.c
	@mkdir -p $(@D)
	$(EMCC) $(CSTD) $(WARN) -O2 $< -o $@ $(FIBERS_FLAGS)

# ------------------------------------------------------------ use
demo: deps wasi ## run say_after in its three modes on the WASI build (node:wasi)
	@for mode in sequential tasks gather; do \
	  echo "$$ node wasi/wasio.mjs demo say_after --mode $$mode"; \
	  $(NODE) wasi/wasio.mjs demo say_after --mode $$mode || exit 1; \
	done

serve: web ## the playground at http://127.0.0.1:8080/ (PORT, HOST override)
	$(NODE) web/serve.mjs

test: deps all ## build everything and run every test
	$(MAKE) --no-print-directory test-c test-conformance valgrind test-examples test-js

test-c: native wasi web ## the C suite: native (ASan+UBSan), on node:wasi, in the web build
	$(B)/native/wasio-tests
	$(B)/native/fuzz-replay --ops $(FUZZ_OPS) tests/fuzz/corpus tests/fuzz/regressions
	WASIO_WASM=$(B)/wasi/wasio-tests.wasm $(NODE) wasi/wasio.mjs
	$(NODE) tests/c/run-web.mjs

test-conformance: native wasi ## the twin suite: every tests/conformance/ program on CPython's asyncio and on wasio (native, node:wasi, Wasmtime), traces diffed
	$(NODE) tests/conformance/run.mjs --target native --target node:wasi --target wasmtime

test-js: all ## node --test: CLI on every target, the JS API, Wasmtime
	$(NODE) --test tests/js/

bench: all $(B)/native/bench-switch $(B)/wasi/bench-switch.wasm $(B)/wasi/wasio-plain.wasm $(B)/web/fibers/fibers.mjs ## every workload against asyncio, uvloop, Node: bench/RESULTS.md
	$(NODE) bench/bench.mjs
	{ printf '\n## 10. Switches, timer lateness and instances per host\n\n```\n' && bench/run.sh && \
	  bench/lateness.sh && $(NODE) --expose-gc bench/instances.mjs && printf '```\n'; } > $(B)/bench-hosts.md
	cat $(B)/bench-hosts.md >> bench/RESULTS.md
	cat $(B)/bench-hosts.md

bench-quick: all $(B)/wasi/wasio-plain.wasm $(B)/web/fibers/fibers.mjs ## the same, smaller sizes, under a minute
	$(NODE) bench/bench.mjs --quick

screenshots: web ## retake the playground's screenshots in docs/ (headless Chromium)
	$(NODE) web/screenshots.mjs

golden: native ## rewrite tests/golden/ from the native build (review the diff)
	$(NODE) tests/js/update-golden.mjs

.PHONY: figures
figures: all ## rewrite the sizes, counts and outputs the docs quote (scripts/figures.mjs)
	$(NODE) scripts/figures.mjs

# ------------------------------------------------------------ the SDK
# make install PREFIX=...: the header, the libraries of the three builds,
# the compiler driver with the passes it runs, the JavaScript host, and a
# pkg-config file:
#   PREFIX/include/wasio.h
#   PREFIX/lib/libwasio.a                  native (pkg-config --libs wasio)
#   PREFIX/lib/wasio/native/libwasio.a     the same, where wasio-cc looks
#   PREFIX/lib/wasio/wasi/libwasio.a       WASI
#   PREFIX/lib/wasio/web/libwasio.a        Emscripten, with the host's C side
#   PREFIX/lib/pkgconfig/wasio.pc
#   PREFIX/bin/wasio-cc                    wasio-cc --target=native|wasi|web
#   PREFIX/share/wasio/                    the passes' scripts
#   PREFIX/share/wasio/js/                 wasio.mjs (load(), the demos), its types
JS_HOST := $(B)/web/wasio.mjs $(B)/web/wasio.d.ts $(B)/web/wasio_core.mjs $(B)/web/wasio_core.wasm
install: $(B)/native/libwasio.a $(B)/wasi/libwasio.a $(B)/web/libwasio.a $(JS_HOST) ## the C SDK into PREFIX (default /usr/local): header, libraries, wasio-cc, the JS host, wasio.pc
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/lib/wasio/native \
	  $(DESTDIR)$(PREFIX)/lib/wasio/wasi $(DESTDIR)$(PREFIX)/lib/wasio/web \
	  $(DESTDIR)$(PREFIX)/share/wasio/js
	install -m 644 src/wasio.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(B)/native/libwasio.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(B)/native/libwasio.a $(DESTDIR)$(PREFIX)/lib/wasio/native/
	install -m 644 $(B)/wasi/libwasio.a $(DESTDIR)$(PREFIX)/lib/wasio/wasi/
	install -m 644 $(B)/web/libwasio.a $(DESTDIR)$(PREFIX)/lib/wasio/web/
	install -m 755 scripts/wasio-cc $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(SDK_SCRIPTS) $(DESTDIR)$(PREFIX)/share/wasio/
	install -m 644 $(JS_HOST) $(DESTDIR)$(PREFIX)/share/wasio/js/
	printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$${prefix}/include' \
	  'libdir=$${prefix}/lib' '' 'Name: wasio' \
	  "Description: Python's asyncio.run() world in C: stackful tasks on an event loop" \
	  'Version: $(WASIO_VERSION)' \
	  'Cflags: -I$${includedir} -fstack-clash-protection' \
	  'Libs: -L$${libdir} -lwasio -lm' > $(DESTDIR)$(PREFIX)/lib/pkgconfig/wasio.pc

# The examples (examples/), built from an SDK installed into build/sdk the
# way a user builds them, and run natively, on node:wasi, on Wasmtime, and
# through load() in Node and in Chromium.
test-examples: deps native wasi web ## the examples, built with the installed SDK, on every target
	rm -rf $(B)/sdk
	$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/$(B)/sdk
	$(NODE) examples/run.mjs $(CURDIR)/$(B)/sdk

deps: ## install the toolchain (Debian, npm, PyPI); skips what is there
	@scripts/deps.sh

clean: ## remove build/
	rm -rf $(B)
