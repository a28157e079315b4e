"""client (seed 003): a vector-database client. It connects, creates a
collection, inserts, runs three searches at once under a one-second
timeout, and always closes its connection, even when cancelled. The server
is a task that answers requests from a queue. The C demo is
demos/client.c. This twin prints the same lines, with the same store
(float32, as the C computes it) and the same best matches. The names of the
errors are each runtime's own."""
import asyncio
import math
import struct

from demo import log, mode, run

DIM, STORED, TOP_K = 32, 4000, 3
LATENCY = 0.05  # one way, per request


def f32(x):
    """x rounded to a C float."""
    return struct.unpack("f", struct.pack("f", x))[0]


class Random:
    def __init__(self):
        self.state = 12345  # the same store on every run

    def next(self):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) / 16777216.0 - 0.5


def normalise(v):
    n = math.sqrt(sum(x * x for x in v))
    return [f32(x / n) for x in v]


class Store:
    def __init__(self, rng):
        self.vectors = [normalise([rng.next() for _ in range(DIM)])
                        for _ in range(STORED)]
        self.count = 0
        self.requests = asyncio.Queue()
        self.connections = 0

    def search(self, q):
        best = [(-1, -2.0)] * TOP_K
        for i in range(self.count):
            v = self.vectors[i]
            dot = 0.0
            for d in range(DIM):
                dot += v[d] * q[d]
            for k in range(TOP_K):
                if dot > best[k][1]:
                    best.insert(k, (i, dot))
                    best.pop()
                    break
        return best


class Request:
    def __init__(self, op, query=None, slow=False, count=0):
        self.op, self.query, self.slow, self.count = op, query, slow, count
        self.hits = None
        self.done = None


async def handle(store, r):
    try:
        await asyncio.sleep(LATENCY + (2.0 if r.slow else 0))  # the way there
        if r.op == "connect":
            store.connections += 1
        elif r.op == "close":
            store.connections -= 1
        elif r.op == "insert":
            store.count += r.count
        elif r.op == "search":
            r.hits = store.search(r.query)
        await asyncio.sleep(LATENCY)  # and back
    finally:
        r.done.set()


async def server(store):
    handlers = set()
    while True:
        r = await store.requests.get()
        task = asyncio.create_task(handle(store, r))
        handlers.add(task)
        task.add_done_callback(handlers.discard)


async def call(store, r):
    """One round trip: send, wait for the reply."""
    r.done = asyncio.Event()
    await store.requests.put(r)
    await r.done.wait()


async def run_query(store, n, r):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        await call(store, r)
    except asyncio.CancelledError as cancelled:
        log(f"query {n}: {type(cancelled).__name__}")
        raise
    hits = ", ".join(f"#{i} ({score:.3f})" for i, score in r.hits)
    log(f"query {n}: {loop.time() - t0:.2f} s; best: {hits}")


async def client(store, rng):
    log("client: connecting")
    await call(store, Request("connect"))
    try:
        log("client: connected; creating the collection and inserting")
        await call(store, Request("create"))
        await call(store, Request("insert", count=STORED))
        log(f"client: {store.count} vectors stored; three queries at once, "
            "1 s timeout")
        tasks = []
        for i in range(3):
            # a query near a stored vector: that vector should come first
            q = [f32(x + f32(f32(rng.next()) * f32(0.05)))
                 for x in store.vectors[i * 997]]
            r = Request("search", query=normalise(q),
                        slow=mode() == "timeout" and i == 1)
            tasks.append(asyncio.create_task(run_query(store, i + 1, r)))
        try:
            async with asyncio.timeout(1.0):
                await asyncio.gather(*tasks)
        except TimeoutError as error:
            log(f"client: the queries failed: {type(error).__name__}")
            raise
    finally:  # close the connection, even when cancelled
        log("client: closing the connection")
        await call(store, Request("close"))
        log(f"client: closed ({store.connections} open connections)")


async def main():
    rng = Random()
    store = Store(rng)
    srv = asyncio.create_task(server(store))
    cli = asyncio.create_task(client(store, rng))
    if mode() == "cancel":
        await asyncio.sleep(0.3)
        log("main: cancelling the client")
        cli.cancel()
    try:
        await cli
        ended = "success"
    except (asyncio.CancelledError, TimeoutError) as error:
        ended = type(error).__name__
    log(f"main: the client ended with {ended}")
    srv.cancel()
    try:
        await srv
    except asyncio.CancelledError:
        pass


run(main, modes=["run", "timeout", "cancel"])
