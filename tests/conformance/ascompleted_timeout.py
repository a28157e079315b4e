# asyncio.as_completed(timeout=2) over tasks of 1 s and 3 s: the first
# comes out at 1.000, the next wait raises TimeoutError at 2.000; the slow
# task is not cancelled and finishes at 3.000.
import asyncio
from twin import log, outcome, err


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    ts = [asyncio.create_task(job(d), name=f"T{d}") for d in (3, 1)]
    try:
        async for t in asyncio.as_completed(ts, timeout=2):
            log("next ->", t.get_name(), outcome(t))
        log("end")
    except BaseException as exc:
        log("next ->", err(exc))
    await asyncio.sleep(2)
    log("later", *[outcome(t) for t in ts])
