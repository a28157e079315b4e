"""lateness: how late do timers fire? 1,000 sleeps of 1 ms, each measured
against the loop's clock. On the virtual clock a timer fires exactly on
time; on the real one the host's timers show. The C demo is
demos/lateness.c; this twin prints the same lines."""
import asyncio

from demo import log, mode, run


async def main():
    n = int(mode())
    loop = asyncio.get_running_loop()
    late = []
    for _ in range(n):
        t0 = loop.time()
        await asyncio.sleep(0.001)
        late.append((loop.time() - t0 - 0.001) * 1e3)
    early = sum(1 for x in late if x < -1e-6)
    late.sort()
    log(f"{n} sleeps of 1 ms: lateness p50 {late[n // 2]:.3f} ms, "
        f"p99 {late[n * 99 // 100]:.3f} ms, max {late[-1]:.3f} ms, "
        f"early {early}")


run(main, modes=["1000", "100"])
