# Cancelling a task in Condition.wait(): it re-acquires the lock before
# the CancelledError reaches it, so it waits for main to let go (at 1s).
import asyncio
from twin import log, outcome


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            log("W wait -> ECANCELLED locked", int(cond.locked()))
            raise


async def main():
    cond = asyncio.Condition()
    w = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    w.cancel()
    log("cancel W")
    await asyncio.sleep(1)
    log("main release")
    cond.release()
    await asyncio.wait([w])
    log("W", outcome(w), "locked", int(cond.locked()))
