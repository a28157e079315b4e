# The crawler pattern: a child calls create_task on its own group, so each
# node spawns the next fetch into the same group; exit waits for them all.
import asyncio
from twin import err, log


async def node(tg, depth):
    await asyncio.sleep(1)
    log("node", depth, "fetched")
    if depth < 3:
        try:
            tg.create_task(node(tg, depth + 1))
            log("node", depth, "spawn -> ok")
        except Exception as exc:
            log("node", depth, "spawn ->", err(exc))


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(node(tg, 1))
        log("body end")
    log("exit -> ok")
