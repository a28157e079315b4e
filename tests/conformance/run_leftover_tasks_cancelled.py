# asyncio.run: a task still pending when main returns is cancelled and its
# cleanup runs before run() returns, at the instant main ended; one that
# finished earlier is left alone. (One leftover: asyncio cancels them in
# all_tasks() set order.)
import asyncio
from twin import log


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        log(name, "woke")
    finally:
        log(name, "cleanup")


async def main():
    asyncio.create_task(worker("A", 10))
    asyncio.create_task(worker("C", 0.5))
    await asyncio.sleep(1)
    log("main end")
    return 7
