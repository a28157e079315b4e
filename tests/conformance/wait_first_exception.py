# asyncio.wait(FIRST_EXCEPTION): a task cancelled at 1 s does not count as
# an exception; wait returns at 2 s when B fails, without raising; C runs on.
import asyncio
from twin import log, outcome, Boom


async def job(delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise Boom("b")
    return delay


async def main():
    a = asyncio.create_task(job(5, False))
    b = asyncio.create_task(job(2, True))
    c = asyncio.create_task(job(3, False))
    ts = [a, b, c]
    asyncio.get_running_loop().call_later(1, a.cancel)
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    log("wait -> done", len(done), "pending", len(pending))
    log("outcomes", *[outcome(t) for t in ts])
    await asyncio.sleep(5)
    log("later", *[outcome(t) for t in ts])
