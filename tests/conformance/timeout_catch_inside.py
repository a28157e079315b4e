# The task catches the timeout's CancelledError inside the scope and goes
# on: it awaits again inside the scope, then the scope exits without an
# error (nothing to turn into TimeoutError) but expired() is true.
import asyncio
from twin import log, attempt


async def main():
    async def scoped():
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                log("sleep(2) -> ECANCELLED, swallowed")
            log("sleep(1) in the scope ->", await attempt(asyncio.sleep(1)))
        log("expired", int(cm.expired()),
            "cancelling", asyncio.current_task().cancelling())
        return 3

    log("scope ->", await attempt(scoped()))
    log("sleep(1) after ->", await attempt(asyncio.sleep(1)))
