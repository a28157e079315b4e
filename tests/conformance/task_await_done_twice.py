# Awaiting a task that is already done gives its result (or raises its
# error) again each time, at once: the awaiter does not yield, so a task
# made ready just before does not run in between.
import asyncio
from twin import log, attempt, Boom


async def value():
    return 4


async def fails():
    raise Boom("x")


async def bystander():
    log("U runs")


async def main():
    t = asyncio.create_task(value())
    f = asyncio.create_task(fails())
    await asyncio.sleep(0)
    u = asyncio.create_task(bystander())
    log("await T ->", await attempt(t))
    log("await T again ->", await attempt(t))
    log("await F ->", await attempt(f))
    log("await F again ->", await attempt(f))
    log("main yields")
    await asyncio.sleep(0)
    log("main back")
    await u
