# asyncio.run's shutdown cancels a leftover task once: its cleanup can
# still await (a sleep of 1 in the except block works, edge-triggered).
import asyncio
from twin import attempt, log


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("A cancelled")
        log("A cleanup sleep ->", await attempt(asyncio.sleep(1)))
        raise


async def main():
    asyncio.create_task(worker())
    await asyncio.sleep(1)
    log("main end")
