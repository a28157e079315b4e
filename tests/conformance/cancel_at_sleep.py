# Cancelling a task suspended in sleep(1): the sleep raises at once (at the
# time of the cancel, not when it would have ended) and the task ends
# cancelled.
import asyncio
from twin import log, attempt, outcome


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED")
        raise
    log("T sleep -> ok")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
