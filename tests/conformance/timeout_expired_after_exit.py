# Timeout.expired() read after the scope has exited: true for the scope
# whose deadline fired, false for the one that finished in time.
import asyncio
from twin import log, attempt


async def main():
    fired = asyncio.timeout(1)
    in_time = asyncio.timeout(5)

    async def scoped(cm, delay):
        async with cm:
            await asyncio.sleep(delay)

    log("fired ->", await attempt(scoped(fired, 2)))
    log("in time ->", await attempt(scoped(in_time, 1)))
    log("after exit: fired expired", int(fired.expired()),
        "in time expired", int(in_time.expired()))
