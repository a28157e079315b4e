# A result travels up two awaits: main awaits A, A awaits B; each level sees
# the value the level below returned.
import asyncio
from twin import log, attempt, outcome


async def inner():
    await asyncio.sleep(1)
    log("B returns 5")
    return 5


async def middle():
    b = asyncio.create_task(inner())
    value = await b
    log("A await B ->", value, "B", outcome(b))
    return value + 1


async def main():
    a = asyncio.create_task(middle())
    log("main await A ->", await attempt(a))
    log("A", outcome(a))
