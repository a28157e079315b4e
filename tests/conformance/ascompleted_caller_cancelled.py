# The task iterating asyncio.as_completed is cancelled while it waits for
# the next task: it gets CancelledError, and the tasks it was waiting for
# are not cancelled (as_completed does not own them).
import asyncio
from twin import log, outcome, err


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def consumer(ts):
    try:
        async for t in asyncio.as_completed(ts):
            log("C next ->", outcome(t))
    except BaseException as exc:
        log("C next ->", err(exc))
        raise


async def main():
    ts = [asyncio.create_task(job(d)) for d in (1, 3)]
    c = asyncio.create_task(consumer(ts))
    await asyncio.sleep(2)
    log("cancel C ->", int(c.cancel()))
    await asyncio.wait([c])
    log("C", outcome(c))
    await asyncio.sleep(2)
    log("tasks", *[outcome(t) for t in ts])
