# asyncio.wait_for times out but the inner task swallows the cancellation
# (1 s of cleanup, then returns 5): since 3.12 wait_for returns that
# result instead of raising TimeoutError.
import asyncio
from twin import log, attempt, outcome


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T cancelled, swallowing")
        asyncio.current_task().uncancel()
        await asyncio.sleep(1)
        return 5
    return 7


async def main():
    t = asyncio.create_task(job())
    log("wait_for ->", await attempt(asyncio.wait_for(t, 1)))
    log("T", outcome(t), "cancelling", asyncio.current_task().cancelling())
