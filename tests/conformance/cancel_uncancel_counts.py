# cancelling() counts the requests: two cancels while T sleeps make 2 (both
# return True), T sees one CancelledError; uncancel() takes them back one by
# one (1, then 0), after which T's next sleep runs normally.
import asyncio
from twin import log, attempt, outcome


async def worker():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED cancelling", me.cancelling())
        log("T uncancel ->", me.uncancel())
        log("T uncancel ->", me.uncancel())
    log("T sleep ->", await attempt(asyncio.sleep(1)),
        "cancelling", me.cancelling())
    return 9


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()), "cancelling", t.cancelling())
    log("main cancel ->", int(t.cancel()), "cancelling", t.cancelling())
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
