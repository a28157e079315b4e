# asyncio.wait_for(t, 0) on a running task: it is cancelled and awaited
# at once (no time passes), then TimeoutError.
import asyncio
from twin import log, attempt, outcome


async def job():
    log("T starts")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED")
        raise
    return 7


async def main():
    t = asyncio.create_task(job())
    await asyncio.sleep(0)  # T starts and sleeps
    log("wait_for ->", await attempt(asyncio.wait_for(t, 0)))
    log("T", outcome(t))
