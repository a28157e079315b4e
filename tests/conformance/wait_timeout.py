# asyncio.wait(timeout=1.5) over tasks of 1, 2 and 3 s: returns at 1.500
# with one done, raises no TimeoutError, cancels nothing: the others finish.
import asyncio
from twin import log, outcome


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    ts = [asyncio.create_task(job(d)) for d in (1, 2, 3)]
    done, pending = await asyncio.wait(ts, timeout=1.5)
    log("wait -> done", len(done), "pending", len(pending))
    log("outcomes", *[outcome(t) for t in ts])
    await asyncio.sleep(2)
    log("later", *[outcome(t) for t in ts])
