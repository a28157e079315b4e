# asyncio.wait(ALL_COMPLETED) over an ok task, a failing one and a
# cancelled one: returns when the last is done, raises nothing.
import asyncio
from twin import log, outcome, Boom


async def job(delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom("b")
    return delay


async def main():
    a = asyncio.create_task(job(1, False))
    b = asyncio.create_task(job(2, True))
    c = asyncio.create_task(job(5, False))
    ts = [a, b, c]
    asyncio.get_running_loop().call_later(3, c.cancel)
    done, pending = await asyncio.wait(ts)
    log("wait -> done", len(done), "pending", len(pending))
    log("outcomes", *[outcome(t) for t in ts])
