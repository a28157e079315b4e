# asyncio.timeout(2) around a 1 s sleep: the body finishes in time, the
# scope exits cleanly and its deadline no longer fires afterwards.
import asyncio
from twin import log, attempt


async def main():
    async def scoped():
        async with asyncio.timeout(2) as cm:
            log("sleep ->", await attempt(asyncio.sleep(1)))
            log("expired", int(cm.expired()))
        return 7

    log("scope ->", await attempt(scoped()))
    log("sleep past the deadline ->", await attempt(asyncio.sleep(3)))
    log("cancelling", asyncio.current_task().cancelling())
