# A task with a cancel pending waits on an Event that is already set:
# CPython's wait() returns without suspending, so it succeeds, and the
# cancel arrives at the next await that suspends (sleep 0).
import asyncio
from twin import log, attempt, outcome


async def body(ev):
    async def wait():
        await ev.wait()

    asyncio.current_task().cancel()
    log("T wait ->", await attempt(wait()))
    log("T sleep 0 ->", await attempt(asyncio.sleep(0)))


async def main():
    ev = asyncio.Event()
    ev.set()
    t = asyncio.create_task(body(ev))
    await asyncio.wait([t])
    log("T", outcome(t), "cancelling", t.cancelling())
