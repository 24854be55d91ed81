"""Tiny test clients for a real host: phones over WebSocket, with their own event loop."""

from __future__ import annotations

import asyncio
import json

import aiohttp


async def recv_until(ws, pred, timeout=10.0):
    """Messages until one matches `pred`; returns it."""
    end = asyncio.get_running_loop().time() + timeout
    while True:
        left = end - asyncio.get_running_loop().time()
        if left <= 0:
            raise TimeoutError("no matching message")
        m = await ws.receive(timeout=left)
        if m.type != aiohttp.WSMsgType.TEXT:
            return {"t": "_closed", "type": str(m.type), "code": ws.close_code}
        d = json.loads(m.data)
        if pred(d):
            return d


def run(coro):
    return asyncio.run(coro)
