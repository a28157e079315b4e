"""The Python side of the twin suite: CPython's asyncio, on virtual time.

Each tests/conformance/NAME.py defines `async def main()` and uses the
helpers below; NAME.c is the same program written against wasio. Both print
one trace, line for line:

    0.000 T start
    1.000 T sleep -> ok
    main -> ok 7

`log()` prefixes the loop's clock (seconds, three decimals; "-" outside a
loop). The program runs under asyncio.run() with `loop_factory=VirtualLoop`:
a real asyncio event loop whose clock jumps to the next deadline whenever it
would wait, so every time printed is exact, as on wasio's virtual clock.

    python3 twin.py DIR [NAME...]   runs every twin of DIR (or those named),
                                    each under "== NAME", in a fresh run

Outcomes and errors print as wasio names them, so both sides compare:
CancelledError -> ECANCELLED, TimeoutError -> ETIMEDOUT, an ExceptionGroup
-> EGROUP, Boom("msg") (a program's own error) -> "EUSER msg", and
RuntimeError/ValueError raised by asyncio for a misuse -> ESTATE/EINVAL.
"""
import asyncio
import contextvars
import importlib.util
import os
import sys
import traceback

# the virtual clock is the demos' twins' too
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "demos", "py"))
from virtual_clock import Deadlock, VirtualLoop  # noqa: E402,F401


class Boom(Exception):
    """A program's own error: wasio_fail(WASIO_EUSER, msg) in the C twin."""


def now():
    """The running loop's clock, or None outside a loop."""
    try:
        return asyncio.get_running_loop().time()
    except RuntimeError:
        return None


def log(*parts):
    t = now()
    prefix = "-" if t is None else f"{t:.3f}"
    print(prefix, *parts, flush=True)


def err(exc):
    """An exception as wasio names its error."""
    if isinstance(exc, asyncio.CancelledError):
        return "ECANCELLED"
    if isinstance(exc, TimeoutError):
        return "ETIMEDOUT"
    if isinstance(exc, BaseExceptionGroup):
        return "EGROUP " + " ".join(err(e).replace(" ", "_")
                                    for e in exc.exceptions)
    if isinstance(exc, Boom):
        return f"EUSER {exc}"
    if isinstance(exc, ValueError):
        return "EINVAL"
    if isinstance(exc, RuntimeError):
        return "ESTATE"
    if isinstance(exc, asyncio.QueueEmpty):
        return "EEMPTY"
    if isinstance(exc, asyncio.QueueFull):
        return "EFULL"
    if hasattr(asyncio, "QueueShutDown") and isinstance(exc,
                                                        asyncio.QueueShutDown):
        return "ESHUTDOWN"
    return f"E{type(exc).__name__}"


def outcome(task):
    """How a finished task ended: "ok R", "cancelled", "error NAME"."""
    if not task.done():
        return "pending"
    if task.cancelled():
        return "cancelled"
    exc = task.exception()
    if exc is not None:
        return "error " + err(exc)
    result = task.result()
    return "ok" if result is None else f"ok {result}"


async def attempt(awaitable):
    """Awaits and says how it went: "ok R" or the error's name."""
    try:
        result = await awaitable
    except BaseException as exc:  # noqa: BLE001 - reported, then re-raised
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return err(exc)
    return "ok" if result is None else f"ok {result}"


def run(main, handler=True):
    """asyncio.run(main()) on the virtual clock; prints main's outcome.
    Errors the loop reports go to the trace as "handler <what>"."""

    async def wrapper():
        if handler:
            loop = asyncio.get_running_loop()
            loop.set_exception_handler(_report)
        return await main()

    try:
        result = asyncio.run(wrapper(), loop_factory=VirtualLoop)
    except BaseException as exc:  # noqa: BLE001 - the outcome is the trace
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        print("main ->", "error " + err(exc), flush=True)
        return
    print("main ->", "ok" if result is None else f"ok {result}", flush=True)


def _report(loop, context):
    exc = context.get("exception")
    task = context.get("task") or context.get("future")
    name = task.get_name() if isinstance(task, asyncio.Task) else "-"
    log("handler", name, err(exc) if exc is not None else "-")


def _run_file(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(f"twin_{name}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        entry = getattr(module, "twin", None)
        if entry is not None:
            entry()  # a twin that drives runs itself
        else:
            run(module.main)
    except Exception:  # noqa: BLE001 - shown in the diff
        print("twin.py: the twin raised:", flush=True)
        traceback.print_exc(file=sys.stdout)
    sys.stdout.flush()


def main(argv):
    folder = argv[1]
    names = argv[2:] or sorted(
        f[:-3] for f in os.listdir(folder)
        if f.endswith(".py") and f != "twin.py")
    for name in names:
        print(f"== {name}", flush=True)
        # every twin starts in a fresh context, as a fresh process would
        contextvars.Context().run(_run_file, os.path.join(folder,
                                                          name + ".py"))


if __name__ == "__main__":
    # The twins import this file as `twin`: run that module, not __main__,
    # so that their Boom is the one err() knows.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import twin
    twin.main(sys.argv)
