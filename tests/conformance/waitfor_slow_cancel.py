# asyncio.wait_for times out at 1.000 but the inner task takes 1 s to
# clean up before it lets the cancellation through: wait_for waits for it
# and raises TimeoutError only at 2.000.
import asyncio
from twin import log, attempt, outcome


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T cancelled, cleaning up")
        asyncio.current_task().uncancel()
        await asyncio.sleep(1)
        log("T cleanup done")
        raise
    return 7


async def main():
    t = asyncio.create_task(job())
    log("wait_for ->", await attempt(asyncio.wait_for(t, 1)))
    log("T", outcome(t))
