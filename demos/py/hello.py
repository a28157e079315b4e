"""hello (seed 000): the smallest asyncio.run(main()). The C demo is
demos/hello.c; this twin prints the same lines."""
import asyncio

from demo import log, run


async def main():
    log("hello")
    await asyncio.sleep(1)
    log("world")
    log('main returns "done", which the run hands back')
    return "done"


run(main, modes=["run"])
