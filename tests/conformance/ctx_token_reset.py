# ContextVar.reset(token): restores the old value; a token used twice is
# refused (RuntimeError), and so is a token from another context, here
# main's token reset inside a task (ValueError).
import asyncio
import contextvars
from twin import err, log

var = contextvars.ContextVar("v", default=0)


def try_reset(who, token):
    try:
        var.reset(token)
        log(who, "reset -> ok v", var.get())
    except Exception as exc:  # noqa: BLE001 - the outcome is the trace
        log(who, "reset ->", err(exc), "v", var.get())


async def child(token):
    try_reset("T", token)


async def main():
    tok = var.set(1)
    log("main set v", var.get())
    try_reset("main", tok)
    try_reset("main again", tok)
    tok2 = var.set(5)
    await asyncio.create_task(child(tok2))
    log("main v", var.get())
    try_reset("main", tok2)
