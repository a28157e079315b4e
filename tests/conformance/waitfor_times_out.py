# asyncio.wait_for times out: the inner task is cancelled, wait_for waits
# for it to finish (its cancellation is seen first), then TimeoutError.
import asyncio
from twin import log, attempt, outcome


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED")
        raise
    return 7


async def main():
    t = asyncio.create_task(job())
    log("wait_for ->", await attempt(asyncio.wait_for(t, 1)))
    log("T", outcome(t))
    log("cancelling", asyncio.current_task().cancelling())
