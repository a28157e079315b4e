"""The benchmark workloads of demos/bench.c, in Python's asyncio (or
uvloop with --uvloop), with the same semantics. Prints one JSON line.
    python3 asyncio_bench.py WORKLOAD N [--uvloop]"""
import asyncio
import json
import random
import sys
import time


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


async def noop():
    pass


async def spawn(n):
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(noop()) for _ in range(n)]
    await asyncio.gather(*tasks)
    dt = time.perf_counter() - t0
    return {"seconds": dt, "per_second": n / dt}


async def switch(n):
    per = n // 2

    async def pinger():
        for _ in range(per):
            await asyncio.sleep(0)

    t0 = time.perf_counter()
    await asyncio.gather(pinger(), pinger())
    dt = time.perf_counter() - t0
    return {"seconds": dt, "per_second": per * 2 / dt}


async def timers(n):
    rng = random.Random(1)
    late = []
    loop = asyncio.get_running_loop()

    async def sleeper(delay):
        start = loop.time()
        await asyncio.sleep(delay)
        late.append((loop.time() - start - delay) * 1e3)

    t0 = time.perf_counter()
    await asyncio.gather(*(sleeper(rng.random() * 0.5) for _ in range(n)))
    dt = time.perf_counter() - t0
    late.sort()
    return {"seconds": dt, "p50_ms": late[n // 2], "p99_ms": late[n * 99 // 100]}


async def memory(n):
    gate = asyncio.Event()
    m0 = rss_bytes()
    tasks = [asyncio.create_task(gate.wait()) for _ in range(n)]
    await asyncio.sleep(0)
    m1 = rss_bytes()
    gate.set()
    await asyncio.gather(*tasks)
    return {"bytes_per_task": (m1 - m0) / n}


async def queue(n):
    q = asyncio.Queue(maxsize=100)
    total = 0

    async def producer():
        for i in range(n):
            await q.put(i)

    async def consumer():
        nonlocal total
        for _ in range(n):
            total += await q.get()

    t0 = time.perf_counter()
    await asyncio.gather(producer(), consumer())
    dt = time.perf_counter() - t0
    assert total == n * (n - 1) // 2
    return {"seconds": dt, "per_second": n / dt}


async def lock(n):
    mutex = asyncio.Lock()
    taken = 0

    async def locker():
        nonlocal taken
        while taken < n:
            async with mutex:
                taken += 1
            await asyncio.sleep(0)

    t0 = time.perf_counter()
    await asyncio.gather(*(locker() for _ in range(100)))
    dt = time.perf_counter() - t0
    return {"seconds": dt, "per_second": taken / dt}


def main():
    workload, n = sys.argv[1], int(sys.argv[2])
    fn = globals()[workload]
    if "--uvloop" in sys.argv:
        import uvloop
        result = asyncio.run(fn(n), loop_factory=uvloop.new_event_loop)
    else:
        result = asyncio.run(fn(n))
    print(json.dumps({"workload": workload, "n": n, **result}))


if __name__ == "__main__":
    main()
