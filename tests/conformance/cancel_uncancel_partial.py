# Two cancel requests, one uncancel: cancelling() stays at 1. In asyncio the
# one CancelledError was delivered already, so T's next sleep runs normally
# (edge-triggered); the request left still counts in cancelling().
import asyncio
from twin import log, attempt, outcome


async def worker():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED uncancel ->", me.uncancel())
    log("T sleep ->", await attempt(asyncio.sleep(1)),
        "cancelling", me.cancelling())
    return 9


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    t.cancel()
    t.cancel()
    log("main cancelled twice, cancelling", t.cancelling())
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
