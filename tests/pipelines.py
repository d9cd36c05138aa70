"""An item pipeline only the tests put among newscrawl's own."""

import asyncio


class BackToTheEventLoop:
    """Hands every item back to the event loop once before it goes on, so items reach the later pipelines after the
    callback that gave them has ended, as they may with any asynchronous pipeline or CONCURRENT_ITEMS above 1."""

    async def process_item(self, item):
        await asyncio.sleep(0)
        return item
