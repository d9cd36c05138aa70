"""What a finished run did, read off its stats: the run record, its summary line and the process exit code."""

from datetime import datetime, timezone

# Exit codes of `scrapy crawl` (1 stays Scrapy's own: bad arguments or a spider that failed to start).
EXIT_OK = 0
EXIT_STORE_LOCKED = 3
EXIT_NOTHING_FOUND = 4
EXIT_TOO_MANY_ERRORS = 5
EXIT_STORE_FAILED = 6

STAT_PREFIXES = {
    "dropped": "newscrawl/dropped/",
    "not_articles": "newscrawl/not_an_article/",
    "skipped": "newscrawl/skipped/",
}
ERROR_STAT_PREFIXES = ("spider_exceptions/", "downloader/exception_type_count/")
# The articles a run could not get ({url, status, error}); the next run tries them again.
FAILED_ARTICLES_STAT = "newscrawl/failed_articles"
# Why the store could not be written, when it could not.
STORE_FAILED_STAT = "newscrawl/store_failed"


def _iso(value) -> str | None:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds") if isinstance(value, datetime) else value


def _by_suffix(stats: dict, prefix: str) -> dict[str, int]:
    return {key.removeprefix(prefix): value for key, value in sorted(stats.items()) if key.startswith(prefix)}


def run_record(stats: dict, finish_reason: str, finished_at: datetime | None = None) -> dict:
    """The JSON run record stored with the articles: counts of pages, articles, drops and errors."""
    errors = {key: value for prefix in ERROR_STAT_PREFIXES for key, value in _by_suffix(stats, prefix).items()}
    return {
        "started_at": _iso(stats.get("start_time")),
        "finished_at": _iso(finished_at or datetime.now(timezone.utc)),
        "finish_reason": finish_reason,
        "pages_fetched": stats.get("downloader/response_count", 0),
        "list_pages": stats.get("newscrawl/list_pages", 0),
        "links_found": stats.get("newscrawl/links_found", 0),
        "new": stats.get("newscrawl/articles/new", 0),
        "updated": stats.get("newscrawl/articles/updated", 0),
        "unchanged": stats.get("newscrawl/articles/unchanged", 0),
        **{name: _by_suffix(stats, prefix) for name, prefix in STAT_PREFIXES.items()},
        "failed": _by_suffix(stats, "newscrawl/failed/"),
        "failed_articles": stats.get(FAILED_ARTICLES_STAT, []),
        "store_failed": stats.get(STORE_FAILED_STAT),
        "errors_logged": stats.get("log_count/ERROR", 0),
        "errors": errors,
    }


def exit_code(record: dict, max_errors: int) -> int:
    """Non-zero when the store failed, the run found nothing on pages that exist, or logged more errors than `max_errors`."""
    if record["store_failed"]:
        return EXIT_STORE_FAILED
    if record["errors_logged"] > max_errors:
        return EXIT_TOO_MANY_ERRORS
    if record["pages_fetched"] and not record["links_found"]:
        return EXIT_NOTHING_FOUND
    return EXIT_OK


def summary_line(record: dict) -> str:
    dropped = sum(record["dropped"].values())
    return (
        f"newscrawl run {record['finish_reason']}: {record['pages_fetched']} pages, {record['new']} new, "
        f"{record['updated']} updated, {record['unchanged']} unchanged, {dropped} dropped, "
        f"{record['errors_logged']} errors"
    )
