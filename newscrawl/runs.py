"""What a finished run did, read off its stats: the run record, its summary line and the process exit code."""

from datetime import datetime, timezone

from newscrawl.drift import LAYOUT_FIELD, describe
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.provenance import NONE, name_of

# Exit codes of `scrapy crawl`; the README's table lists the same codes with the same meanings (a test checks).
EXIT_OK = 0
EXIT_FAILED_TO_START = 1
EXIT_BAD_ARGUMENTS = 2
EXIT_STORE_LOCKED = 3
EXIT_NOTHING_FOUND = 4
EXIT_TOO_MANY_ERRORS = 5
EXIT_STORE_FAILED = 6
EXIT_SITE_UNREACHABLE = 7
EXIT_INTERRUPTED = 8
EXIT_STORE_DAMAGED = 9
EXIT_MARKUP_DRIFT = 10
EXIT_CODE_MEANINGS = {
    EXIT_OK: "ok",
    EXIT_FAILED_TO_START: "the spider could not start",
    EXIT_BAD_ARGUMENTS: "bad arguments or settings",
    EXIT_STORE_LOCKED: "another run holds the store",
    EXIT_NOTHING_FOUND: "no article link on the pages fetched: the site's markup probably changed",
    EXIT_TOO_MANY_ERRORS: "more errors than NEWSCRAWL_MAX_ERRORS",
    EXIT_STORE_FAILED: "the store could not be written",
    EXIT_SITE_UNREACHABLE: "no page of the site could be fetched",
    EXIT_INTERRUPTED: "interrupted before the end",
    EXIT_STORE_DAMAGED: "the store is damaged or from a newer newscrawl",
    EXIT_MARKUP_DRIFT: "a site's markup drifted: fields missing or read by fallbacks more than in its recent runs",
}

# The finish reason Scrapy gives a run stopped by SIGINT or SIGTERM.
INTERRUPTED_REASON = "shutdown"
# What a run record of a killed run says, written by the run that found it killed.
KILLED_REASON = "killed"
# The finish reason of a run stopped because its store could not be written.
STORE_FAILED_REASON = "store_failed"

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
# Why the store turned out damaged during the run, when it did; nothing more is written into it.
STORE_DAMAGED_STAT = "newscrawl/store_damaged"
# The worker's name, when the run took its sites by lease from a server store (newscrawl.leases), and the sites
# it took over from workers whose leases expired ({site, from_worker}).
WORKER_STAT = "newscrawl/worker"
LEASES_TAKEN_OVER_STAT = "newscrawl/leases_taken_over"
# The run's exit code, set once the run record is made at the end of the run.
EXIT_CODE_STAT = "newscrawl/exit_code"
# The keys of the run's sites, in the order they were given; each site's own stats are under SITE_STATS_PREFIX.
SITES_STAT = "newscrawl/sites"
SITE_STATS_PREFIX = "newscrawl/sites/"
# What each site's scraped articles had (newscrawl.extensions.FieldAuditExtension), under its site stats:
# `fields/articles`, `fields/present/FIELD`, `fields/sources/FIELD/LABEL`, `fields/layouts/NAME` (counts) and
# `fields/examples/KEY` (up to three URLs per newscrawl.drift.example_key).
FIELD_STATS = "fields/"
# A site's exit codes, worst first: a site none of whose pages could be read, then one whose pages linked nothing,
# then one whose markup drifted.
SITE_EXIT_CODES = (EXIT_SITE_UNREACHABLE, EXIT_NOTHING_FOUND, EXIT_MARKUP_DRIFT)


def site_stat(site: str, name: str) -> str:
    """The stats key of `name` (e.g. "pages_ok", "failures/HTTP 403") for one site of the run."""
    return f"{SITE_STATS_PREFIX}{site}/{name}"


def _iso(value) -> str | None:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds") if isinstance(value, datetime) else value


def _by_suffix(stats: dict, prefix: str) -> dict[str, int]:
    # Sorted after filtering: the run's whole stats, which it is also asked of, hold ~10,000 keys at 200 sites.
    return {key.removeprefix(prefix): stats[key] for key in sorted(key for key in stats if key.startswith(prefix))}


def _site_statuses(stats: dict) -> dict[str, int]:
    """Responses by HTTP status, robots.txt aside: what the pages of the site itself answered."""
    robots = _by_suffix(stats, "robotstxt/response_status_count/")
    statuses = _by_suffix(stats, "downloader/response_status_count/")
    return {status: count - robots.get(status, 0) for status, count in statuses.items() if count > robots.get(status, 0)}


def _site_failures(stats: dict) -> dict[str, int]:
    """Why the site's pages could not be read: download errors by exception name, and statuses other than 2xx."""
    failures = {
        name.rpartition(".")[2]: count for name, count in _by_suffix(stats, "downloader/exception_type_count/").items()
    }
    failures.update({f"HTTP {status}": count for status, count in _site_statuses(stats).items() if not status.startswith("2")})
    return failures


def _field_figures(own: dict) -> dict:
    """A site's articles, and per schema field how many had it, its share and (traced fields) its sources, most
    frequent first, `none` last; the layouts its articles matched, `none` last."""
    counts = _by_suffix(own, FIELD_STATS)
    articles = counts.get("articles", 0)
    present = _by_suffix(counts, "present/")
    sources: dict[str, dict[str, int]] = {}
    for key, count in _by_suffix(counts, "sources/").items():
        name, _, label = key.partition("/")
        sources.setdefault(name, {})[label] = count

    def most_first(found: dict[str, int]) -> dict[str, int]:
        named = sorted(((label, count) for label, count in found.items() if label != NONE), key=lambda pair: -pair[1])
        return {**dict(named), NONE: found.get(NONE, 0)}

    fields = {}
    for name in ARTICLE_FIELDS:
        count = present.get(name, 0)
        fields[name] = {"present": count, "coverage": round(count / articles, 3) if articles else None}
        if name in sources:
            fields[name]["sources"] = most_first(sources[name])
    return {"articles": articles, "fields": fields, "layouts": most_first(_by_suffix(counts, "layouts/"))}


def stats_by_site(stats: dict) -> dict[str, dict]:
    """Site -> its own stats (site_stat's keys, without the site's prefix), for every site of the run, in one pass over
    the run's stats (a run of 200 sites has ~10,000)."""
    by_site = {site: {} for site in stats.get(SITES_STAT, [])}
    for key, value in stats.items():
        if key.startswith(SITE_STATS_PREFIX):
            site, _, name = key.removeprefix(SITE_STATS_PREFIX).partition("/")
            if site in by_site:
                by_site[site][name] = value
    return by_site


def site_examples(own: dict) -> dict[str, list[str]]:
    """The example article URLs of one site's problems, by newscrawl.drift.example_key, from its own stats."""
    return _by_suffix(own, f"{FIELD_STATS}examples/")


# What a site's record counts that the run's record adds up over its sites.
SUMMED_SITE_COUNTS = ("list_pages", "links_found", "new", "updated", "unchanged")


def _site_record(own: dict, site: str, failed_articles: list[dict]) -> dict:
    """One site's part of the run record, from its own stats: what its pages gave, and its own exit code."""
    record = {
        "pages_ok": own.get("pages_ok", 0),
        "failures": _by_suffix(own, "failures/"),
        "list_pages": own.get("list_pages", 0),
        "empty_sections": own.get("empty_sections", []),
        "links_found": own.get("links_found", 0),
        **{result: own.get(f"articles/{result}", 0) for result in ("new", "updated", "unchanged")},
        "failed_articles": sum(1 for failure in failed_articles if failure.get("site") == site),
        **_field_figures(own),
    }
    record["exit_code"] = (EXIT_SITE_UNREACHABLE if not record["pages_ok"]
                           else EXIT_NOTHING_FOUND if not record["links_found"] else EXIT_OK)
    return record


def run_record(stats: dict, finish_reason: str, finished_at: datetime | None = None) -> dict:
    """The JSON run record stored with the articles: counts of pages, articles, drops and errors, in all and per
    site (`sites`, by site key)."""
    errors = {key: value for prefix in ERROR_STAT_PREFIXES for key, value in _by_suffix(stats, prefix).items()}
    failed_articles = stats.get(FAILED_ARTICLES_STAT, [])
    sites = {site: _site_record(own, site, failed_articles) for site, own in stats_by_site(stats).items()}
    return {
        "started_at": _iso(stats.get("start_time")),
        "finished_at": _iso(finished_at or datetime.now(timezone.utc)),
        "finish_reason": finish_reason,
        "worker": stats.get(WORKER_STAT),
        "leases_taken_over": stats.get(LEASES_TAKEN_OVER_STAT, []),
        "pages_fetched": stats.get("downloader/response_count", 0),
        "site_pages_ok": sum(count for status, count in _site_statuses(stats).items() if status.startswith("2")),
        # The run's counts are its sites' counts, added up.
        **{name: sum(site[name] for site in sites.values()) for name in SUMMED_SITE_COUNTS},
        "empty_sections": [code for site in sites.values() for code in site["empty_sections"]],
        **{name: _by_suffix(stats, prefix) for name, prefix in STAT_PREFIXES.items()},
        "failed": _by_suffix(stats, "newscrawl/failed/"),
        "failed_articles": failed_articles,
        "store_failed": stats.get(STORE_FAILED_STAT),
        "store_damaged": stats.get(STORE_DAMAGED_STAT),
        "site_failures": _site_failures(stats),
        "errors_logged": stats.get("log_count/ERROR", 0),
        "errors": errors,
        "sites": sites,
        "drifts": [],
    }


def with_drifts(record: dict, drifts: list[dict]) -> dict:
    """The record with its markup drifts (newscrawl.drift.find_drifts) listed, and each drifting site's exit code
    EXIT_MARKUP_DRIFT, unless the site already failed worse."""
    drifting = {drift["site"] for drift in drifts}
    sites = {
        key: {**site, "exit_code": EXIT_MARKUP_DRIFT} if key in drifting and site["exit_code"] == EXIT_OK else site
        for key, site in record["sites"].items()
    }
    return {**record, "sites": sites, "drifts": drifts}


def worst_site(record: dict) -> tuple[int, str | None]:
    """(the worst of the sites' own exit codes, the first site that has it); (0, None) when every site went well."""
    for code in SITE_EXIT_CODES:
        site = next((key for key, site in record["sites"].items() if site["exit_code"] == code), None)
        if site:
            return code, site
    return EXIT_OK, None


def exit_code(record: dict, max_errors: int) -> int:
    """The first that applies: the store damaged or unwritable, the run interrupted, a site none of whose pages
    could be read, a site on whose pages no article link was found, a site whose markup drifted, more errors
    logged than `max_errors`; else 0.
    A site's own failure is the worst site's (worst_site names it); the run's other sites are crawled all the same."""
    if record["store_damaged"]:
        return EXIT_STORE_DAMAGED
    if record["store_failed"]:
        return EXIT_STORE_FAILED
    if record["finish_reason"] == INTERRUPTED_REASON:
        return EXIT_INTERRUPTED
    site_code, _ = worst_site(record)
    if site_code:
        return site_code
    if record["errors_logged"] > max_errors:
        return EXIT_TOO_MANY_ERRORS
    return EXIT_OK


def judge_run(record: dict, max_errors: int) -> dict:
    """The record with its `exit_code`, and `exit_site`: the site that caused it, when a site did."""
    code = exit_code(record, max_errors)
    worst_code, site = worst_site(record)
    return {**record, "exit_code": code, "exit_site": site if code == worst_code and site else None}


def _site_detail(record: dict, detail) -> str | None:
    """The exit code's detail, of the site that caused it; named when the run had several sites."""
    site_key = record.get("exit_site")
    if site_key not in record["sites"]:
        return None
    text = detail(record["sites"][site_key])
    return f"{site_key}: {text}" if text and len(record["sites"]) > 1 else text


def exit_reason(record: dict) -> str:
    """What the record's exit code means, with the detail that lets a reader act on it."""
    code = record["exit_code"]
    detail = {
        EXIT_STORE_DAMAGED: record["store_damaged"],
        EXIT_STORE_FAILED: record["store_failed"],
        EXIT_SITE_UNREACHABLE: _site_detail(record, lambda site: ", ".join(
            f"{name} x{count}" for name, count in site["failures"].items())),
        EXIT_NOTHING_FOUND: _site_detail(record, lambda site: ", ".join(
            f"section {code} lists nothing" for code in site["empty_sections"])),
        EXIT_MARKUP_DRIFT: _drift_detail([drift for drift in record["drifts"] if drift["site"] == record.get("exit_site")]),
    }.get(code)
    return f"{EXIT_CODE_MEANINGS[code]} ({detail})" if detail else EXIT_CODE_MEANINGS[code]


def _drift_detail(drifts: list[dict]) -> str:
    """The first drift in full, the others by field and kind (each has its own WARNING line)."""
    if not drifts:
        return ""
    first, *others = drifts
    more = ", ".join("layouts" if drift["field"] == LAYOUT_FIELD else f"{drift['field']} {drift['kind']}" for drift in others)
    return describe(first) + (f"; {len(others)} more: {more}" if others else "")


def fields_line(site: dict) -> str:
    """Where a site's articles' traced fields came from, and the layouts they matched, e.g. `84 articles: title 100%
    (newer-skin 56, older-skin 28), ..., authors 99% (newer-skin 56, older-skin 27, body-credit 1); layouts
    newer-skin 56, older-skin 28, none 0`."""

    def sources(found: dict[str, int]) -> str:
        return ", ".join(f"{name_of(label)} {count}" for label, count in found.items() if label != NONE)

    traced = [
        f"{name} {entry['coverage']:.0%}" + (f" ({sources(entry['sources'])})" if sources(entry["sources"]) else "")
        for name, entry in site["fields"].items() if "sources" in entry
    ]
    layouts = ", ".join(f"{name} {count}" for name, count in site["layouts"].items())
    return f"{site['articles']} articles: {', '.join(traced)}; layouts {layouts}"


def summary_line(record: dict) -> str:
    """One line for the run, then one per site: what it did (when the run had several sites) and where its
    articles' fields came from (when it had articles)."""
    dropped = sum(record["dropped"].values())
    lines = [(
        f"newscrawl run {record['finish_reason']}: {record['pages_fetched']} pages, {record['new']} new, "
        f"{record['updated']} updated, {record['unchanged']} unchanged, {dropped} dropped, "
        f"{record['errors_logged']} errors, {len(record['drifts'])} drifts; exit code {record['exit_code']}: "
        f"{exit_reason(record)}"
    )]
    for key, site in record["sites"].items():
        if len(record["sites"]) > 1:
            lines.append(
                f"  {key}: {site['pages_ok']} pages read, {site['new']} new, {site['updated']} updated, "
                f"{site['unchanged']} unchanged, {site['failed_articles']} failed; exit code {site['exit_code']}: "
                f"{EXIT_CODE_MEANINGS[site['exit_code']]}"
            )
        if site["articles"]:
            lines.append(f"  {key} fields of {fields_line(site)}")
    return "\n".join(lines)


def killed_run_record(started_at: str | None, pid: int | None, found_at: datetime) -> dict:
    """The record of a run that was killed before it could write its own, as the next run on the store finds it."""
    return {
        "started_at": started_at,
        "finished_at": None,
        "finish_reason": KILLED_REASON,
        "pid": pid,
        "found_killed_at": _iso(found_at),
        "exit_code": None,
    }
