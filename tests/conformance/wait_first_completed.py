# asyncio.wait(FIRST_COMPLETED): returns when the first of three tasks
# (1 s, 2 s, 3 s) is done, with one done and two pending that keep running.
import asyncio
from twin import log, outcome


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    ts = [asyncio.create_task(job(d)) for d in (3, 1, 2)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    log("wait -> done", len(done), "pending", len(pending))
    log("outcomes", *[outcome(t) for t in ts])
    await asyncio.sleep(5)
    log("later", *[outcome(t) for t in ts])
