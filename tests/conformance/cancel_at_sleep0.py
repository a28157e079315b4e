# Cancelling a task that loops on sleep(0): it is never waiting, always
# ready to run again. The cancellation lands in the sleep(0) it is in, so
# it has counted only the yields that completed before the cancel.
import asyncio
from twin import log, attempt, outcome


async def spinner(count):
    try:
        while True:
            await asyncio.sleep(0)
            count[0] += 1
    except asyncio.CancelledError:
        log("T sleep(0) -> ECANCELLED after", count[0], "yields")
        raise


async def main():
    count = [0]
    t = asyncio.create_task(spinner(count))
    for _ in range(3):
        await asyncio.sleep(0)
    log("main cancel ->", int(t.cancel()), "T yields so far", count[0])
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "yields", count[0])
