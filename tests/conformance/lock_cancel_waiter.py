# Cancelling the first Lock waiter before it is served: it leaves the
# queue, and the release hands the lock to the next waiter.
import asyncio
from twin import log, outcome


async def waiter(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log(name, "acquire -> ECANCELLED")
        raise
    log(name, "acquire -> ok")
    await asyncio.sleep(1)
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(lock, "A"))
    b = asyncio.create_task(waiter(lock, "B"))
    c = asyncio.create_task(waiter(lock, "C"))
    await asyncio.sleep(0)
    a.cancel()
    lock.release()
    log("main cancel A, release")
    await b
    await c
    log("A", outcome(a), "locked", int(lock.locked()))
