# asyncio.timeout_at() with a deadline in the past (1.000 entered at
# 2.000): the first await point inside is cancelled at once -> TimeoutError.
import asyncio
from twin import log, attempt


async def main():
    await asyncio.sleep(2)

    async def scoped():
        async with asyncio.timeout_at(1) as cm:
            log("when", f"{cm.when():.3f}", "expired", int(cm.expired()))
            try:
                await asyncio.sleep(1)
            finally:
                log("sleep done: expired", int(cm.expired()))

    log("scope ->", await attempt(scoped()))
