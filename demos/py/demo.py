"""What the Python twins of wasio's demos share, so that each twin reads as
plain asyncio. Each twin prints what its C demo prints, line for line:

    log(text)        "[1.000s] text", stamped with the loop's clock
    mode()           the mode asked for (--mode NAME), else the first
    param(key, d)    a parameter (--set key=value), else d
    run(main, modes) asyncio.run(main()); with --virtual-time on a clock
                     that jumps to the next deadline instead of waiting
                     (time.sleep moves it, as a blocking call would)

    python3 demos/py/say_after.py --mode gather --virtual-time
"""
import argparse
import asyncio
import time

from virtual_clock import VirtualLoop

_args = None
_modes = []


def log(text):
    loop = asyncio.get_running_loop()
    print(f"[{loop.time() - loop.wasio_start:.3f}s] {text}", flush=True)


def mode():
    return _args.mode or _modes[0]


def param(key, default):
    for item in _args.set:
        name, _, value = item.partition("=")
        if name == key:
            return value
    return default


def run(main, modes):
    global _args, _modes
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=modes)
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--virtual-time", action="store_true")
    _args, _modes = parser.parse_args(), modes

    async def started():
        loop = asyncio.get_running_loop()
        loop.wasio_start = loop.time()
        return await main()

    if not _args.virtual_time:
        return asyncio.run(started())
    sleep = time.sleep
    loop = VirtualLoop()
    time.sleep = loop.block  # a blocking call stops the loop, not the clock
    try:  # asyncio.run(), on that loop (Python 3.11's Runner takes it)
        with asyncio.Runner(loop_factory=lambda: loop) as runner:
            return runner.run(started())
    finally:
        time.sleep = sleep
