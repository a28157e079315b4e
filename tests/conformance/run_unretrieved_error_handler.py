# A task fails and nobody retrieves its error: when the last reference to
# it goes, the loop's exception handler reports it ("never retrieved").
import asyncio
from twin import log


async def failer():
    await asyncio.sleep(1)
    log("T fails")
    raise ValueError("t")


async def main():
    t = asyncio.create_task(failer(), name="T")
    await asyncio.sleep(2)
    log("dropping T")
    del t
    log("dropped")
    await asyncio.sleep(1)
    log("main end")
