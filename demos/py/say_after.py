"""say_after (seed 004): the same two greetings three ways. The C demo is
demos/say_after.c; this twin prints the same lines."""
import asyncio

from demo import log, mode, param, run


async def say_after(delay, what):
    await asyncio.sleep(delay)
    log(what)


async def main():
    hello = (float(param("first_delay", 1)), param("first", "hello"))
    world = (float(param("second_delay", 2)), param("second", "world"))
    log(f"started ({mode()})")
    if mode() == "sequential":
        await say_after(*hello)
        await say_after(*world)
    else:
        task1 = asyncio.create_task(say_after(*hello))
        task2 = asyncio.create_task(say_after(*world))
        if mode() == "tasks":
            await task1
            await task2
        else:
            await asyncio.gather(task1, task2)
    log("finished")


run(main, modes=["sequential", "tasks", "gather"])
