# Task.cancelling() while an expired timeout is being handled: asyncio's
# timeout fires through task.cancel(), so the count is 1 inside the scope,
# and the scope's exit takes it back (uncancel) to 0.
import asyncio
from twin import log, attempt


async def main():
    me = asyncio.current_task()

    async def scoped():
        async with asyncio.timeout(1):
            log("before: cancelling", me.cancelling())
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                log("fired: cancelling", me.cancelling())
                raise

    log("scope ->", await attempt(scoped()))
    log("after: cancelling", me.cancelling())
