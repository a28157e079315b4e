# asyncio.timeout(-1): a deadline already past. A body without an await
# point finishes before it fires (ok, not expired); a body that awaits is
# cancelled at once and the scope reports TimeoutError.
import asyncio
from twin import log, attempt


async def main():
    async def no_await():
        async with asyncio.timeout(-1) as cm:
            log("when", f"{cm.when():.3f}")
        log("no await: expired", int(cm.expired()))

    async def awaits():
        async with asyncio.timeout(-1) as cm:
            try:
                await asyncio.sleep(1)
            finally:
                log("sleep done: expired", int(cm.expired()))

    log("no await ->", await attempt(no_await()))
    log("awaits ->", await attempt(awaits()))
