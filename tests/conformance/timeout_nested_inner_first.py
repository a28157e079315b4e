# Nested timeouts, the inner one (1 s) expires first: the inner scope
# reports TimeoutError; the outer one (3 s) keeps running and later expires
# on its own.
import asyncio
from twin import log, attempt


async def main():
    async def inner(outer):
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(5)
            finally:
                log("inner sleep done: inner expired", int(cm.expired()),
                    "outer expired", int(outer.expired()))

    async def scoped():
        async with asyncio.timeout(3) as outer:
            log("inner ->", await attempt(inner(outer)))
            try:
                await asyncio.sleep(5)
            finally:
                log("outer sleep done: outer expired", int(outer.expired()))

    log("outer ->", await attempt(scoped()))
    log("cancelling", asyncio.current_task().cancelling())
