# main fails while a task is pending: asyncio.run still cancels the task
# (its cleanup runs), then raises main's error. (ValueError: twin.py run()
# names a Boom escaping main EBoom, its own module's class differs.)
import asyncio
from twin import log


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        log("A cleanup")


async def main():
    asyncio.create_task(worker())
    await asyncio.sleep(1)
    log("main fails")
    raise ValueError("main")
