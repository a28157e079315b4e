"""concurrent (seed 003): A 0.3 s, B 0.2 s and C 0.1 s gathered take
0.3 s, and the results come in the order asked for. The C demo is in
demos/examples.c; this twin prints the same lines. (Not concurrent.py: that
would hide the standard library's concurrent package from asyncio.)"""
import asyncio

from demo import log, run


async def task(name, delay):
    log(f"[{name}] start")
    await asyncio.sleep(delay)
    log(f"[{name}] done")
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(task(name, delay))
             for name, delay in (("A", 0.3), ("B", 0.2), ("C", 0.1))]
    results = await asyncio.gather(*tasks)
    log(f"total {loop.time() - t0:.2f} s; results in order: "
        + " ".join(f"{r}_result" for r in results))


run(main, modes=["run"])
