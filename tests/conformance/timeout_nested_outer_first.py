# Nested timeouts, the outer one (1 s) expires first: the inner scope (2 s)
# lets the CancelledError through (it is not its own), the outer scope turns
# it into TimeoutError.
import asyncio
from twin import log, err


async def main():
    async def scoped():
        async with asyncio.timeout(1) as outer:
            try:
                async with asyncio.timeout(2) as inner:
                    try:
                        await asyncio.sleep(5)
                    finally:
                        log("sleep done: inner expired", int(inner.expired()),
                            "outer expired", int(outer.expired()))
            except BaseException as exc:
                log("inner ->", err(exc))
                raise

    try:
        await scoped()
    except BaseException as exc:
        log("outer ->", err(exc))
    log("cancelling", asyncio.current_task().cancelling())
