"""structured (seed 003): the standard program shape, one awaited step
after another. The C demo is in demos/examples.c; this twin prints the same
lines."""
import asyncio

from demo import log, run


async def fetch_user(user_id):
    await asyncio.sleep(0.1)
    return f"User_{user_id}"


async def fetch_posts(user):
    await asyncio.sleep(0.1)
    return 3


async def main():
    log("fetching the user...")
    user = await fetch_user(1)
    log(f"user: {user}")
    log("fetching their posts...")
    posts = await fetch_posts(user)
    log(f"posts: {posts}")
    return user


run(main, modes=["run"])
