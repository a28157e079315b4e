# A task with a cancel pending acquires a free Lock: CPython's acquire()
# does not suspend, so it succeeds; the cancel arrives at the next await
# that suspends (sleep 0). Then the task releases the lock.
import asyncio
from twin import log, attempt, outcome


async def body(lock):
    async def acquire():
        await lock.acquire()

    asyncio.current_task().cancel()
    log("T acquire ->", await attempt(acquire()), "locked", int(lock.locked()))
    log("T sleep 0 ->", await attempt(asyncio.sleep(0)))
    if lock.locked():
        lock.release()


async def main():
    lock = asyncio.Lock()
    t = asyncio.create_task(body(lock))
    await asyncio.wait([t])
    log("T", outcome(t), "cancelling", t.cancelling(), "locked",
        int(lock.locked()))
