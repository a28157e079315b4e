# Cancelling the shielded task itself: shield does not protect from that.
# The awaiter of shield(I) gets CancelledError once I has ended cancelled,
# although nobody cancelled the awaiter (its cancelling() is 0), so it can
# carry on and return normally.
import asyncio
from twin import log, attempt, outcome


async def inner():
    try:
        await asyncio.sleep(2)
    except asyncio.CancelledError:
        log("I sleep -> ECANCELLED")
        raise
    return 7


async def outer(i):
    me = asyncio.current_task()
    try:
        await asyncio.shield(i)
    except asyncio.CancelledError:
        log("T shield -> ECANCELLED, I", outcome(i),
            "T cancelling", me.cancelling())
    return 1


async def main():
    i = asyncio.create_task(inner())
    t = asyncio.create_task(outer(i))
    await asyncio.sleep(1)
    log("main cancel I ->", int(i.cancel()))
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "I", outcome(i))
