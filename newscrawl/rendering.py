"""Pages that need JavaScript: which requests a browser renders, and the browser that renders them.

Rendering is opt-in per crawl (`-a render_js=lists|articles|all`). Only requests of the chosen kinds carry
scrapy-playwright's `playwright` meta key; every other request keeps Scrapy's own downloader. scrapy-playwright's
download handler is installed only for a crawl that renders something, because the handler starts Playwright's
driver process as soon as the engine starts, whether or not a request ever asks for it. The browser itself is
launched at the first rendered request. It is the system Chromium (Debian package `chromium`), never a browser
downloaded by Playwright.
"""

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from scrapy.settings import Settings

# Request kinds. LIST: the pages that list articles, the home page and the section lists.
LIST = "list"
ARTICLE = "article"
RENDERED_KINDS = {
    "none": frozenset(),
    "lists": frozenset({LIST}),
    "articles": frozenset({ARTICLE}),
    "all": frozenset({LIST, ARTICLE}),
}

# The setting, and the environment variable, that name the Chromium executable.
CHROMIUM_PATH_SETTING = "NEWSCRAWL_CHROMIUM_PATH"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_INSTALL_HINT = (
    "install it with `apt-get install chromium` (Debian) or name its executable with "
    f"-s {CHROMIUM_PATH_SETTING}=PATH or the environment variable {CHROMIUM_PATH_SETTING}"
)
# Headless Chromium, also as root in a container: no sandbox and no GPU, and none of the background connections
# (updates, sync, field trials) that a closed network refuses and that a crawler has no use for.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# A rendered page has no history of its own (it opens on about:blank), and the CMS's deleted-article page calls
# history.back() after its alert: going back would put about:blank in place of the page that was asked for.
NO_HISTORY_SCRIPT = "history.back = history.forward = history.go = function () {};"
# What a rendered page does not fetch: none of it changes the DOM the parser reads, and the site is spared.
UNNEEDED_RESOURCE_TYPES = frozenset({"image", "stylesheet", "font", "media"})


class BrowserNotFound(RuntimeError):
    """render_js was asked for, but no Chromium executable was found."""


def rendered_kinds(render_js: str | None) -> frozenset[str]:
    """The request kinds a `render_js` argument sends through the browser; none when it is not given."""
    kinds = RENDERED_KINDS.get(render_js or "none")
    if kinds is None:
        raise ValueError(f"render_js must be one of {', '.join(RENDERED_KINDS)}; got {render_js!r}")
    return kinds


def request_meta(kind: str, kinds: frozenset[str]) -> dict:
    """The meta that makes scrapy-playwright render a request of `kind`, when the crawl renders that kind."""
    if kind not in kinds:
        return {}
    return {"playwright": True, "playwright_page_init_callback": stay_on_page}


async def stay_on_page(page, request) -> None:
    """playwright_page_init_callback: the page's scripts cannot navigate back or forward through history."""
    await page.add_init_script(NO_HISTORY_SCRIPT)


def find_chromium(
    configured: str | None = None,
    environ: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
) -> str:
    """The Chromium executable: the one configured (setting, then environment variable), else the first of
    CHROMIUM_NAMES on PATH. A configured path that is not an executable file is an error, not a reason to look
    elsewhere: the crawl would otherwise run with another browser than the one asked for."""
    for source, path in ((f"setting {CHROMIUM_PATH_SETTING}", configured),
                         (f"environment variable {CHROMIUM_PATH_SETTING}", environ.get(CHROMIUM_PATH_SETTING))):
        if path:
            if Path(path).is_file() and os.access(path, os.X_OK):
                return path
            raise BrowserNotFound(f"render_js needs Chromium, but {path!r} ({source}) is not an executable file; "
                                  f"{CHROMIUM_INSTALL_HINT}")
    for name in CHROMIUM_NAMES:
        found = which(name)
        if found:
            return found
    raise BrowserNotFound(f"render_js needs Chromium, and none of {', '.join(CHROMIUM_NAMES)} is on PATH; "
                          f"{CHROMIUM_INSTALL_HINT}")


def is_unneeded_resource(request) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: true for a rendered page's images, styles, fonts and media."""
    return request.resource_type in UNNEEDED_RESOURCE_TYPES


def playwright_settings(settings: Settings) -> dict:
    """The settings that make scrapy-playwright render the requests that ask for it: its download handler, the
    system Chromium, and at most NEWSCRAWL_RENDER_CONCURRENCY pages open at once (one context, each page closed
    by the handler as soon as its content is read)."""
    concurrency = settings.getint("NEWSCRAWL_RENDER_CONCURRENCY")
    if concurrency < 1:
        raise ValueError(f"NEWSCRAWL_RENDER_CONCURRENCY must be at least 1; got {concurrency}")
    return {
        "DOWNLOAD_HANDLERS": {**settings.getdict("DOWNLOAD_HANDLERS"), "http": PLAYWRIGHT_HANDLER,
                              "https": PLAYWRIGHT_HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": find_chromium(settings.get(CHROMIUM_PATH_SETTING)),
            "args": list(CHROMIUM_ARGS),
            "headless": True,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": concurrency,
        "PLAYWRIGHT_ABORT_REQUEST": is_unneeded_resource,
    }


def enable_rendering(settings: Settings, kinds: frozenset[str]) -> None:
    """Install rendering into a crawl's (not yet frozen) settings when it renders any kind of request."""
    if kinds:
        for name, value in playwright_settings(settings).items():
            settings.set(name, value, priority="spider")
