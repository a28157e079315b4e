# asyncio.gather(return_exceptions=True): waits for every task and returns
# each one's result or exception in order, a cancelled child included;
# nothing is raised (C: wasio_gather_outcomes).
import asyncio
from twin import log, err, Boom


async def job(delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom("b")
    return delay


async def main():
    ts = [asyncio.create_task(job(1, False)),
          asyncio.create_task(job(2, True)),
          asyncio.create_task(job(5, False)),
          asyncio.create_task(job(3, False))]
    asyncio.get_running_loop().call_later(0.5, ts[2].cancel)
    results = await asyncio.gather(*ts, return_exceptions=True)
    log("gather ->", *[err(r).replace(" ", "_")
                       if isinstance(r, BaseException) else f"ok_{r}"
                       for r in results])
