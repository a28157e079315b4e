# asyncio.gather: the first task to fail (B at 1 s) makes gather raise its
# error at once; the other tasks are not cancelled and finish later.
import asyncio
from twin import log, attempt, outcome, Boom


async def job(delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom(f"fail {delay}")
    log("finished", delay)
    return delay


async def main():
    ts = [asyncio.create_task(job(2, False)),
          asyncio.create_task(job(1, True)),
          asyncio.create_task(job(3, True))]
    log("gather ->", await attempt(asyncio.gather(*ts)))
    log("outcomes", *[outcome(t) for t in ts])
    await asyncio.sleep(3)
    log("later", *[outcome(t) for t in ts])
