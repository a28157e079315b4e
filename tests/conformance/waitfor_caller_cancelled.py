# The task in asyncio.wait_for is cancelled from outside before the
# deadline: the inner task is cancelled too, and the caller gets
# CancelledError, not TimeoutError.
import asyncio
from twin import log, attempt, outcome


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED")
        raise


async def waiter(t):
    log("W wait_for ->", await attempt(asyncio.wait_for(t, 3)))


async def main():
    t = asyncio.create_task(job())
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(1)
    log("cancel W ->", int(w.cancel()))
    await asyncio.wait([w])
    log("W", outcome(w), "T", outcome(t))
