# A task that cancels itself and then awaits sleep(1): asyncio still
# suspends it at that await (the sleep's future is cancelled and its wake-up
# queued), so U, ready before it, runs first; then T's sleep raises, at the
# same instant.
import asyncio
from twin import log, attempt, outcome


async def worker():
    me = asyncio.current_task()
    log("T cancel self ->", int(me.cancel()))
    log("T sleep ->", await attempt(asyncio.sleep(1)))
    return 3


async def other():
    log("U runs")


async def main():
    t = asyncio.create_task(worker())
    u = asyncio.create_task(other())
    log("main await T ->", await attempt(t))
    await u
    log("T", outcome(t), "cancelling", t.cancelling())
