# Cancelling the Lock waiter that was just handed the lock (release and
# cancel in the same step): CPython's waiter raises CancelledError and the
# lock goes on to the next waiter; wasio's waiter keeps the lock.
import asyncio
from twin import log, outcome


async def waiter(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log(name, "acquire -> ECANCELLED")
        raise
    log(name, "acquire -> ok")
    try:
        await asyncio.sleep(1)
    finally:
        lock.release()
        log(name, "release")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(lock, "A"))
    b = asyncio.create_task(waiter(lock, "B"))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    log("main release, cancel A")
    await asyncio.wait([a, b])
    log("A", outcome(a), "B", outcome(b), "locked", int(lock.locked()))
