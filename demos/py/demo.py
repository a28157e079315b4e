"""What the Python twins of wasio's demos share, so that each twin reads as
plain asyncio. Each twin prints what its C demo prints, line for line:

    log(text)        "[1.000s] text", stamped with the running loop's clock
    say(text)        "[ main()] text": a line of plain code, outside a loop
    mode()           the mode asked for (--mode NAME), else the first
    param(key, d)    a parameter (--set key=value), else d
    run(main, modes) runs the twin: asyncio.run(main()) for a coroutine
                     function, main() for plain code (which calls
                     asyncio.run, or makes an asyncio.Runner, itself);
                     debug=True: asyncio's debug mode

With --virtual-time every loop runs on a clock that jumps to the next
deadline instead of waiting, and time.sleep moves it, as a blocking call
would, as wasio's virtual clock does:

    python3 demos/py/say_after.py --mode gather --virtual-time
"""
import argparse
import asyncio
import inspect
import time

from virtual_clock import VirtualLoop

_args = None
_modes = []


def log(text):
    loop = asyncio.get_running_loop()
    if not hasattr(loop, "wasio_start"):  # a loop of an asyncio.Runner's
        loop.wasio_start = 0.0 if virtual() else loop.time()
    print(f"[{loop.time() - loop.wasio_start:.3f}s] {text}", flush=True)


def virtual():
    return _args.virtual_time


def say(text):
    print(f"[ main()] {text}", flush=True)


def mode():
    return _args.mode or _modes[0]


def param(key, default):
    for item in _args.set:
        name, _, value = item.partition("=")
        if name == key:
            return value
    return default


def run(main, modes, debug=False):
    global _args, _modes
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=modes)
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--virtual-time", action="store_true")
    _args, _modes = parser.parse_args(), modes
    virtual = _args.virtual_time
    real_run, real_sleep, real_runner = asyncio.run, time.sleep, asyncio.Runner
    real_new_loop = asyncio.new_event_loop

    def run_here(coro, **_):
        """asyncio.run(coro), on this program's clock, its time from 0."""
        if asyncio.events._get_running_loop() is not None:
            # asyncio.run's own first check, in its words
            raise RuntimeError("asyncio.run() cannot be called from a "
                               "running event loop")

        async def started():
            loop = asyncio.get_running_loop()
            loop.wasio_start = loop.time()
            return await coro

        loop = VirtualLoop() if virtual else real_new_loop()
        if virtual:  # a blocking call stops the loop, not its clock
            time.sleep = loop.block
        try:  # (Python 3.11's Runner takes a loop factory)
            with real_runner(loop_factory=lambda: loop, debug=debug) as runner:
                return runner.run(started())
        finally:
            time.sleep = real_sleep

    class Runner(real_runner):
        """asyncio.Runner, on this program's clock."""

        def __init__(self, *, debug=None, loop_factory=None):
            super().__init__(debug=debug, loop_factory=loop_factory or (
                VirtualLoop if virtual else None))

    asyncio.run, asyncio.Runner = run_here, Runner
    if virtual:  # a loop that plain code makes is on the virtual clock too
        asyncio.new_event_loop = VirtualLoop
    try:
        return run_here(main()) if inspect.iscoroutinefunction(main) else main()
    finally:
        asyncio.run, asyncio.Runner = real_run, real_runner
        asyncio.new_event_loop = real_new_loop
