"""crowd: thousands of tasks, each computing a little and yielding, so
that a single step of the loop has a lot to do; main yields once per
thousand tasks it creates (a long loop in a task should). The C demo is
demos/crowd.c; this twin prints the same lines."""
import asyncio

from demo import log, mode, run


async def worker():
    for _ in range(10):
        h = 2166136261
        for i in range(400):
            h = ((h ^ i) * 16777619) & 0xFFFFFFFF
        await asyncio.sleep(0)


async def main():
    n = int(mode())
    log(f"starting {n} tasks, 10 rounds each")
    tasks = []
    for made in range(n):
        tasks.append(asyncio.create_task(worker()))
        if made % 1000 == 999:
            await asyncio.sleep(0)
    await asyncio.gather(*tasks)
    log(f"all {n} tasks done")


run(main, modes=["1000", "10000"])
