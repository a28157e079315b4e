# Tasks start in the order they were created, and only once their creator
# yields: create_task itself runs nothing.
import asyncio
from twin import log


async def worker(name):
    log(name, "start")
    await asyncio.sleep(0)
    log(name, "after yield")


async def main():
    tasks = [asyncio.create_task(worker(name)) for name in "ABC"]
    log("main created", len(tasks))
    await asyncio.sleep(0)
    log("main after yield")
    await asyncio.sleep(1)
    log("main done")
