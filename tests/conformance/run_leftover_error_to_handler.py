# A leftover task that fails in its cleanup during asyncio.run's shutdown:
# the error goes to the loop's exception handler, main's outcome is kept.
# (ValueError: the handler line names the code alone on both sides.)
import asyncio
from twin import log


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("A cancelled, fails")
        raise ValueError("a")


async def main():
    asyncio.create_task(worker(), name="A")
    await asyncio.sleep(1)
    log("main end")
    return 3
