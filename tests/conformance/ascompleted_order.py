# asyncio.as_completed yields the tasks in the order they finish (B at 1,
# D failing at 1.5, C at 2, A at 3), not in the order given.
import asyncio
from twin import log, outcome, Boom


async def job(delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom("d")
    return int(delay * 10)


async def main():
    specs = [("A", 3, False), ("B", 1, False), ("C", 2, False),
             ("D", 1.5, True)]
    ts = [asyncio.create_task(job(d, f), name=n) for n, d, f in specs]
    async for t in asyncio.as_completed(ts):
        log("next ->", t.get_name(), outcome(t))
    log("end")
