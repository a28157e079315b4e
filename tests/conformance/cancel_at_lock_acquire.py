# Cancelling a task suspended in Lock.acquire(): the acquire raises and the
# task leaves the queue; when the holder releases, nobody holds the lock,
# and the next acquire gets it at once.
import asyncio
from twin import log, attempt, outcome


async def taker(lock):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log("T acquire -> ECANCELLED")
        raise
    log("T acquire -> ok")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    t = asyncio.create_task(taker(lock))
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    lock.release()
    log("released, locked", int(lock.locked()))
    await lock.acquire()
    log("main acquire -> ok, locked", int(lock.locked()))
    lock.release()
    log("T", outcome(t))
