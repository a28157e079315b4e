# shield() of a task that is already done gives its result, or raises its
# error, as awaiting the task itself would.
import asyncio
from twin import log, attempt, Boom


async def value():
    return 6


async def fails():
    raise Boom("late")


async def main():
    v = asyncio.create_task(value())
    f = asyncio.create_task(fails())
    await asyncio.sleep(0)
    log("shield V ->", await attempt(asyncio.shield(v)))
    log("shield F ->", await attempt(asyncio.shield(f)))
