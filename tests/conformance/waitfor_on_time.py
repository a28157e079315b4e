# asyncio.wait_for on a task that finishes in time: its result, at the
# task's own finishing time; the unused deadline never fires later.
import asyncio
from twin import log, attempt


async def job():
    await asyncio.sleep(1)
    log("T done")
    return 7


async def main():
    t = asyncio.create_task(job())
    log("wait_for ->", await attempt(asyncio.wait_for(t, 2)))
    log("sleep past the deadline ->", await attempt(asyncio.sleep(2)))
    log("cancelling", asyncio.current_task().cancelling())
