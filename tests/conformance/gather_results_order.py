# asyncio.gather returns the results in the order the tasks were given,
# not the order they finished (3 s, 1 s, 2 s -> [30, 10, 20] at 3.000).
import asyncio
from twin import log


async def job(delay):
    await asyncio.sleep(delay)
    log("finished", delay)
    return delay * 10


async def main():
    ts = [asyncio.create_task(job(d)) for d in (3, 1, 2)]
    results = await asyncio.gather(*ts)
    log("gather -> ok", *results)
