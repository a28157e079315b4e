# A fire-and-forget task (no reference kept) fails: the exception handler
# reports it as soon as the task is gone, at the instant it failed.
import asyncio
from twin import log


async def failer():
    await asyncio.sleep(1)
    log("T fails")
    raise ValueError("t")


async def main():
    asyncio.create_task(failer(), name="T")
    await asyncio.sleep(2)
    log("main end")
