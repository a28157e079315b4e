# PriorityQueue hands out the lowest priority first; items are
# (priority, value) tuples (wasio: wasio_queue_put_priority). Equal
# priorities here come in value order, so tuple order = insertion order.
import asyncio
from twin import log


async def main():
    q = asyncio.PriorityQueue()
    for prio, value in ((3, 30), (1, 10), (-2, 5), (2, 20), (1, 11), (7, 70)):
        await q.put((prio, value))
    log("size", q.qsize())
    while not q.empty():
        prio, value = await q.get()
        log("get -> priority", prio, "value", value)
    q.put_nowait((4, 40))
    q.put_nowait((0, 1))
    log("get_nowait -> value", q.get_nowait()[1])
