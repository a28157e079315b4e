# A task runs in a copy of its creator's context taken at create_task: a
# later change by the creator is not seen, the task's own changes are not
# seen by the creator, and a task it creates inherits its value.
import asyncio
import contextvars
from twin import log

var = contextvars.ContextVar("v", default=0)


async def grandchild():
    log("G v", var.get())


async def child():
    log("T v", var.get())
    var.set(2)
    log("T set v", var.get())
    await asyncio.create_task(grandchild())
    log("T v", var.get())


async def main():
    var.set(1)
    t = asyncio.create_task(child())
    var.set(3)
    log("main set v", var.get())
    await t
    log("main v", var.get())
