"""timeout (seed 003): a slow operation (5 s) given 1 s, with wait_for and
with a timeout scope. The C demo is demos/timeout.c; this twin prints the
same lines."""
import asyncio

from demo import log, mode, param, run


async def slow_operation(seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        log("slow operation: cancelled; cleanup runs")
        raise
    return "done"


async def main():
    work = float(param("work", 5))
    limit = float(param("timeout", 1))
    try:
        if mode() == "wait_for":
            task = asyncio.create_task(slow_operation(work))
            result = await asyncio.wait_for(task, limit)
        else:
            async with asyncio.timeout(limit):
                result = await slow_operation(work)
    except TimeoutError:
        log("the operation timed out (ETIMEDOUT)")
    else:
        log(f"result: {result}")


run(main, modes=["wait_for", "scope"])
