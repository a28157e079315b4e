# current_task() is the task running the code: main in main, each task in
# its own body (also after a suspension), no task in a done callback.
import asyncio
from twin import log


async def child(box):
    log("T current is T", int(asyncio.current_task() is box["t"]),
        "is not main", int(asyncio.current_task() is not box["main"]))
    await asyncio.sleep(1)
    log("T after sleep current is T", int(asyncio.current_task() is box["t"]))


def callback(task):
    log("cb current is none", int(asyncio.current_task() is None))


async def main():
    box = {"main": asyncio.current_task()}
    t = asyncio.create_task(child(box))
    box["t"] = t
    t.add_done_callback(callback)
    log("main current is T", int(asyncio.current_task() is t))
    await asyncio.sleep(2)  # not `await t`: the callback's order is not the point
    log("main current is main", int(asyncio.current_task() is box["main"]))
