# asyncio.timeout(1) around a 2 s sleep: the sleep is cancelled at 1.000,
# the scope turns it into TimeoutError; expired() is true inside the scope.
import asyncio
from twin import log, attempt


async def main():
    async def scoped():
        async with asyncio.timeout(1) as cm:
            log("when", f"{cm.when():.3f}", "expired", int(cm.expired()))
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                log("sleep -> ECANCELLED expired", int(cm.expired()))
                raise
            log("sleep -> ok")

    log("scope ->", await attempt(scoped()))
    log("cancelling", asyncio.current_task().cancelling())
