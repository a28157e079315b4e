# Tasks and callbacks made while the context is empty each get a copy of
# their own: what one sets is seen by the tasks it creates afterwards, and
# never by its creator, its sibling, or a callback scheduled before.
import asyncio
import contextvars
from twin import log

var = contextvars.ContextVar("v", default=0)


def cb(name):
    log(name, "v", var.get())
    var.set(7)
    log(name, "set v", var.get())


async def grandchild(n):
    log("grandchild of", n, "v", var.get())


async def child(n):
    log("child", n, "v", var.get())
    var.set(n)
    await asyncio.sleep(0)
    await asyncio.create_task(grandchild(n))
    log("child", n, "ends v", var.get())


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "cb1")
    a = asyncio.create_task(child(10))
    b = asyncio.create_task(child(20))
    loop.call_soon(cb, "cb2")
    await asyncio.gather(a, b)
    log("main v", var.get())
    var.set(1)
    await asyncio.create_task(child(30))
    log("main v", var.get())
