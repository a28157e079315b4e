"""timeline (seed 001): tasks A (2 s), B (1 s) and C (3 s) three ways, with
a ticker that ticks every half second to show when the loop is free. The C
demo is demos/timeline.c; this twin prints the same lines."""
import asyncio
import time

from demo import log, mode, param, run


async def run_job(name, seconds):
    log(f"{name}: start ({seconds:g} s)")
    await asyncio.sleep(seconds)
    log(f"{name}: done")


async def ticker(ticks):
    while True:
        await asyncio.sleep(0.5)
        log("tick")
        ticks[0] += 1


async def main():
    jobs = [("A", float(param("A", 2))), ("B", float(param("B", 1))),
            ("C", float(param("C", 3)))]
    ticks = [0]
    loop = asyncio.get_running_loop()
    tick = asyncio.create_task(ticker(ticks), name="ticker")
    await asyncio.sleep(0)  # let the ticker start
    t0 = loop.time()
    if mode() == "sync":
        for name, seconds in jobs:
            log(f"{name}: start ({seconds:g} s, blocking)")
            time.sleep(seconds)
            log(f"{name}: done")
    elif mode() == "sequential":
        for name, seconds in jobs:
            await run_job(name, seconds)
    else:
        tasks = [asyncio.create_task(run_job(name, seconds), name=name)
                 for name, seconds in jobs]
        await asyncio.gather(*tasks)
    n = ticks[0]
    log(f"all done in {loop.time() - t0:.1f} s ({mode()}); "
        f"the ticker ticked {n} time{'' if n == 1 else 's'}")
    tick.cancel()
    try:
        await tick
    except asyncio.CancelledError:
        pass


run(main, modes=["gather", "sequential", "sync"])
