# asyncio.wait_for on tasks already done, with timeouts 1 and 0: the
# result (or the error) at once, no time passes and nothing is cancelled.
import asyncio
from twin import log, attempt, outcome, Boom


async def good():
    return 7


async def bad():
    raise Boom("bad")


async def main():
    g = asyncio.create_task(good())
    b = asyncio.create_task(bad())
    await asyncio.sleep(1)
    log("good, 1 ->", await attempt(asyncio.wait_for(g, 1)))
    log("good, 0 ->", await attempt(asyncio.wait_for(g, 0)))
    log("bad, 1 ->", await attempt(asyncio.wait_for(b, 1)))
    log("bad, 0 ->", await attempt(asyncio.wait_for(b, 0)))
    log("G", outcome(g), "B", outcome(b))
