# asyncio.wait() on no tasks at all: ValueError ("Set of Tasks/Futures is
# empty."), raised before any suspension.
import asyncio
from twin import log, attempt


async def main():
    log("wait([]) ->", await attempt(asyncio.wait([])))
    log("wait([], timeout=1) ->", await attempt(asyncio.wait([], timeout=1)))
