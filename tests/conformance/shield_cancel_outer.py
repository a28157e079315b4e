# Cancelling the task that awaits shield(I): the awaiter gets CancelledError
# at once, I is not cancelled and runs on to its result, which a later
# await still gets.
import asyncio
from twin import log, attempt, outcome


async def inner():
    await asyncio.sleep(2)
    log("I returns 7")
    return 7


async def outer(i):
    try:
        await asyncio.shield(i)
    except asyncio.CancelledError:
        log("T shield -> ECANCELLED, I", outcome(i))
        raise


async def main():
    i = asyncio.create_task(inner())
    t = asyncio.create_task(outer(i))
    await asyncio.sleep(1)
    log("main cancel T ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "I", outcome(i), "I cancelling", i.cancelling())
    log("main await I ->", await attempt(i))
