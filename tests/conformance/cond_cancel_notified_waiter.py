# Cancelling a Condition waiter that was just notified (notify(1) and
# cancel in the same step): CPython's waiter raises CancelledError and
# passes the notification on to the next waiter; wasio's waiter keeps it.
import asyncio
from twin import log, outcome


async def waiter(cond, name):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            log(name, "wait -> ECANCELLED")
            raise
        log(name, "wait -> ok")


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "A"))
    b = asyncio.create_task(waiter(cond, "B"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        a.cancel()
        log("notify 1, cancel A")
    await asyncio.sleep(1)
    log("A", outcome(a), "B", outcome(b))
    async with cond:
        cond.notify_all()
    await asyncio.wait([a, b])
