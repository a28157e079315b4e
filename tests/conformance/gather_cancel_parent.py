# Cancelling the task that awaits asyncio.gather cancels every child; the
# gathering task sees CancelledError once they have all finished.
import asyncio
from twin import log, outcome


async def job(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log(name, "sleep -> ECANCELLED")
        raise


async def gatherer(ts):
    try:
        await asyncio.gather(*ts)
    except asyncio.CancelledError:
        log("G gather -> ECANCELLED")
        raise
    log("G gather -> ok")


async def main():
    ts = [asyncio.create_task(job("A")), asyncio.create_task(job("B"))]
    g = asyncio.create_task(gatherer(ts))
    await asyncio.sleep(1)
    log("cancel G ->", int(g.cancel()))
    await asyncio.wait([g])
    log("G", outcome(g), "A", outcome(ts[0]), "B", outcome(ts[1]))
