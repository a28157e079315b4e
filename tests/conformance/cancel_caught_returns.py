# A task that catches its cancellation and returns a value ends with that
# result, not cancelled; cancelling() still says 1 (nobody uncancelled).
import asyncio
from twin import log, attempt, outcome


async def worker():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED, returns 5")
        return 5
    return 0


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
