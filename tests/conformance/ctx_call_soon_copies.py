# call_soon and call_later copy the current context when called: a later
# change by the caller is not seen by the callback, and what the callback
# sets stays in its copy.
import asyncio
import contextvars
from twin import log

var = contextvars.ContextVar("v", default=0)


def cb(name):
    log("cb", name, "v", var.get())
    var.set(100)


async def main():
    loop = asyncio.get_running_loop()
    var.set(1)
    loop.call_soon(cb, "soon")
    var.set(2)
    loop.call_later(1, cb, "later")
    var.set(3)
    await asyncio.sleep(2)
    log("main v", var.get())
