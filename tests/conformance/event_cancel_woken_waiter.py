# Cancelling an Event waiter in the same step as the set() that woke it:
# CPython's wait() raises CancelledError; wasio's waiter was served, so
# its wait returns ok (the cancel shows at its next await point).
import asyncio
from twin import log, attempt, outcome


async def waiter(ev, name):
    try:
        await ev.wait()
    except asyncio.CancelledError:
        log(name, "wait -> ECANCELLED")
        raise
    log(name, "wait -> ok")
    log(name, "sleep 0 ->", await attempt(asyncio.sleep(0)))


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "A"))
    b = asyncio.create_task(waiter(ev, "B"))
    await asyncio.sleep(0)
    ev.set()
    a.cancel()
    log("set, cancel A")
    await asyncio.wait([a, b])
    log("A", outcome(a), "cancelling", a.cancelling(), "B", outcome(b))
