# create_task on a group that has exited is refused (RuntimeError), and
# nothing runs.
import asyncio
from twin import err, log


async def child(name):
    log(name, "runs")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("A"))
    log("exit -> ok")
    coro = child("B")
    try:
        tg.create_task(coro)
        log("spawn after exit -> ok")
    except Exception as exc:
        log("spawn after exit ->", err(exc))
    coro.close()
    await asyncio.sleep(1)
    log("main end")
