# A task that catches its cancellation (without uncancel) and then sleeps:
# asyncio delivers a cancel once, so the next sleep runs to its end and the
# task returns normally; cancelling() stays 1.
import asyncio
from twin import log, attempt, outcome


async def worker():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED")
    log("T sleep again ->", await attempt(asyncio.sleep(1)),
        "cancelling", me.cancelling())
    return 3


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
