# asyncio.sleep(-1) sleeps 0; wasio_sleep refuses a negative delay.
import asyncio
from twin import log, attempt


async def main():
    log("sleep(-1) ->", await attempt(asyncio.sleep(-1)))
    log("sleep(0) ->", await attempt(asyncio.sleep(0)))
