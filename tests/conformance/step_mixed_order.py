# Step tasks and ordinary tasks on one loop (in asyncio every task is a
# stepped coroutine): the order in which they start, wake and finish, and
# results through await and gather.
import asyncio
from twin import log


async def job(name, delay, awaited=None):
    log(name, "start")
    await asyncio.sleep(0)
    log(name, "after yield")
    await asyncio.sleep(delay)
    log(name, "slept %.1f" % delay)
    if awaited is not None:
        value = await awaited
        log(name, "awaited ->", value)
    return int(delay * 10)


async def main():
    a = asyncio.create_task(job("A", 0.3))
    b = asyncio.create_task(job("B", 0.1))
    c = asyncio.create_task(job("C", 0.2, a))
    d = asyncio.create_task(job("D", 0.1))
    r = await asyncio.gather(a, b, c, d)
    log("gather -> ok", *r)
