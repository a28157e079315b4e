# asyncio.timeout(0) around sleep(0): the deadline is already due, the
# timeout fires before the task resumes, so the sleep(0) itself raises
# CancelledError and the scope turns it into TimeoutError.
import asyncio
from twin import log, attempt


async def main():
    async def scoped():
        async with asyncio.timeout(0) as cm:
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:
                log("sleep(0) -> ECANCELLED expired", int(cm.expired()))
                raise
            log("sleep(0) -> ok expired", int(cm.expired()))
            await asyncio.sleep(1)
            log("sleep(1) -> ok")

    log("scope ->", await attempt(scoped()))
