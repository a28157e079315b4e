# A done callback runs in a copy of the context current when
# add_done_callback was called: not the value set afterwards, nor the
# value the finishing task had set in its own context.
import asyncio
import contextvars
from twin import log

var = contextvars.ContextVar("v", default=0)


def cb(task):
    log("done cb v", var.get())


async def child():
    var.set(50)
    await asyncio.sleep(1)
    log("T ends with v", var.get())


async def main():
    t = asyncio.create_task(child())
    var.set(1)
    t.add_done_callback(cb)
    var.set(2)
    await t
    await asyncio.sleep(0)
    log("main v", var.get())
