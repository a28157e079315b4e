# remove_done_callback removes every registration of the callback and says
# how many there were (2, then 0); the others still run, once each.
import asyncio
from twin import log


def first(task):
    log("cb first")


def second(task):
    log("cb second")


async def worker():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(worker())
    t.add_done_callback(first)
    t.add_done_callback(second)
    t.add_done_callback(first)
    t.add_done_callback(second)
    log("remove first ->", t.remove_done_callback(first))
    log("remove first again ->", t.remove_done_callback(first))
    await asyncio.sleep(2)
    log("remove second after done ->", t.remove_done_callback(second))
