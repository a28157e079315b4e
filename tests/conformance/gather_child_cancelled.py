# A child of asyncio.gather is cancelled (not the gathering task): gather
# raises CancelledError at once, the other child runs on, and the
# gathering task itself is not cancelled (its next await works).
import asyncio
from twin import log, attempt, outcome


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    ts = [asyncio.create_task(job(5)), asyncio.create_task(job(3))]
    asyncio.get_running_loop().call_later(1, ts[0].cancel)
    log("gather ->", await attempt(asyncio.gather(*ts)))
    log("cancelling", asyncio.current_task().cancelling(),
        "A", outcome(ts[0]), "B", outcome(ts[1]))
    log("sleep ->", await attempt(asyncio.sleep(3)))
    log("B", outcome(ts[1]))
