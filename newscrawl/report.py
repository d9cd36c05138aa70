"""`scrapy report`: one self-contained HTML page about a store's dataset.

Two halves, kept apart:

- gathering: pure functions over the store's rows (articles, run records, revision and missing rows) that count
  what the page shows, into a `Report`; `read_report` is the one place that asks a store for those rows;
- rendering: `render_html(report)`, the page, its charts inline SVG drawn here, with no script, no font, no
  stylesheet or image from anywhere else (a Content-Security-Policy in the page forbids them), so it reads the
  same offline.

Days are Korea Standard Time calendar days: an article's by its published_at, an event's (a revision, a deletion, a
run) by its time converted to KST.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from newscrawl.drift import LAYOUT, LAYOUT_FIELD, describe, measures
from newscrawl.exports import Selection
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.stores import read_jsonl

KST = timezone(timedelta(hours=9))
TOP_REPORTERS = 15
# Days on a time axis at most, before bins grow to weeks, then to months.
MAX_DAY_BINS = 200
MAX_WEEK_BINS = 160
# What a run record's coverage heatmap shows besides the schema's fields: the share of articles matching a layout.
LAYOUT_ROW = "(layout matched)"
# Tableau 10: distinguishable, and readable in print.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
EVENT_COLORS = {"revised": "#4e79a7", "deleted": "#e15759", "never stored": "#bab0ac"}


# --------------------------------------------------------------------------------------------------------------
# Gathering: pure functions over store rows


@dataclass(frozen=True)
class RevisionRow:
    """One earlier version of an article (a `revisions` row): when that version was crawled, and when the article's
    current version was (None when the article itself is no longer stored)."""

    site: str
    article_id: str
    crawled_at: str
    current_crawled_at: str | None


@dataclass(frozen=True)
class MissingRow:
    """An article URL that gave no article (a `missing` row); `was_stored` when the store holds that article, so
    it was deleted after it was stored (its gone_at is set)."""

    site: str
    article_id: str
    url: str
    reason: str
    first_seen_at: str
    was_stored: bool


@dataclass
class ArticleFigures:
    total: int = 0
    undated: int = 0
    by_site: Counter = field(default_factory=Counter)
    by_site_section: Counter = field(default_factory=Counter)  # (site, section) -> articles
    by_day: Counter = field(default_factory=Counter)  # (day, site, section) -> articles
    reporters: Counter = field(default_factory=Counter)  # (name, site) -> articles
    first_day: dict = field(default_factory=dict)  # site -> first published day
    last_day: dict = field(default_factory=dict)  # site -> last published day


@dataclass(frozen=True)
class RunFigures:
    """One run record, as the report shows it; `sites` maps a site to its articles, field coverage (field -> share),
    layout share and drifts."""

    number: int
    started_at: str | None
    finish_reason: str
    exit_code: int | None
    new: int
    updated: int
    unchanged: int
    failed: int
    sites: dict


@dataclass
class Report:
    store: str
    generated_at: str
    selection: Selection
    articles: ArticleFigures
    runs: list[RunFigures]
    events: Counter  # (day, kind) -> count; kinds are EVENT_COLORS' keys
    revised_by_site: Counter
    deleted_by_site: Counter
    failures: list[dict]


def kst_day(timestamp: str | None) -> str | None:
    """The KST calendar day of an ISO 8601 time, e.g. `2025-03-08`; None for none or one that is not a time."""
    if not timestamp:
        return None
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(KST).date().isoformat()


def _in_period(day: str | None, selection: Selection) -> bool:
    if selection.since is None and selection.until is None:
        return True
    if day is None:
        return False
    return ((selection.since is None or day >= selection.since.isoformat())
            and (selection.until is None or day <= selection.until.isoformat()))


def _of_site(site: str | None, selection: Selection) -> bool:
    return selection.site is None or site == selection.site


def article_figures(articles: Iterable[Mapping]) -> ArticleFigures:
    """Counts over articles (already selected by the store): per site, section and published day, and per
    reporter (an author's name on a site; an article counts once for each name in its byline)."""
    figures = ArticleFigures()
    for article in articles:
        site, section = article["site"], article.get("section") or "(no section)"
        figures.total += 1
        figures.by_site[site] += 1
        figures.by_site_section[site, section] += 1
        day = kst_day(article.get("published_at"))
        if day is None:
            figures.undated += 1
        else:
            figures.by_day[day, site, section] += 1
            figures.first_day[site] = min(day, figures.first_day.get(site, day))
            figures.last_day[site] = max(day, figures.last_day.get(site, day))
        names = dict.fromkeys(author["name"] for author in article.get("authors") or [] if author.get("name"))
        for name in names:
            figures.reporters[name, site] += 1
    return figures


def top_reporters(figures: ArticleFigures, limit: int = TOP_REPORTERS) -> list[tuple[str, str, int]]:
    """(name, site, articles), most articles first, then by name and site."""
    ranked = sorted(figures.reporters.items(), key=lambda item: (-item[1], item[0]))
    return [(name, site, count) for (name, site), count in ranked[:limit]]


def _site_run_figures(site: str, entry: Mapping, drifts: list[dict]) -> dict:
    articles = entry.get("articles", 0)
    coverage = {name: entry.get("fields", {}).get(name, {}).get("coverage") for name in ARTICLE_FIELDS}
    layout_k, layout_n = measures(entry)[LAYOUT, LAYOUT_FIELD] if articles else (0, 0)
    return {
        "articles": articles,
        "coverage": coverage,
        "layout": round(layout_k / layout_n, 3) if layout_n else None,
        "drifts": [drift for drift in drifts if drift.get("site") == site],
    }


def run_figures(runs: Iterable[Mapping], selection: Selection) -> list[RunFigures]:
    """The run records in the selection (started on a day in its period; with its site, when it names one),
    numbered in the store's order (1 the oldest). A killed run's record, which has no counts, shows as one."""
    shown = []
    for number, record in enumerate(runs, start=1):
        if not _in_period(kst_day(record.get("started_at") or record.get("found_killed_at")), selection):
            continue
        sites = {
            site: _site_run_figures(site, entry, record.get("drifts", []))
            for site, entry in (record.get("sites") or {}).items() if _of_site(site, selection)
        }
        if selection.site is not None and not sites:
            continue
        counted = sites if selection.site is not None else None

        def total(name: str) -> int:
            if counted is None:
                return record.get(name, 0) or 0
            return sum((record["sites"][site].get(name, 0) or 0) for site in counted)

        failed = [failure for failure in record.get("failed_articles", []) if _of_site(failure.get("site"), selection)]
        shown.append(RunFigures(
            number=number, started_at=record.get("started_at"), finish_reason=record.get("finish_reason", "?"),
            exit_code=record.get("exit_code"), new=total("new"), updated=total("updated"),
            unchanged=total("unchanged"), failed=len(failed), sites=sites,
        ))
    return shown


def failed_articles(runs: Iterable[Mapping], selection: Selection) -> list[dict]:
    """Each article a run could not get ({run, started_at, url, site, status, error}), as its run recorded it."""
    failures = []
    for number, record in enumerate(runs, start=1):
        if not _in_period(kst_day(record.get("started_at")), selection):
            continue
        for failure in record.get("failed_articles", []):
            if _of_site(failure.get("site"), selection):
                failures.append({"run": number, "started_at": record.get("started_at"), "url": failure.get("url"),
                                 "site": failure.get("site"), "status": failure.get("status"),
                                 "error": failure.get("error")})
    return failures


def revision_times(rows: Iterable[RevisionRow]) -> list[tuple[str, str, str]]:
    """(site, article_id, revised_at) of each revision, from the rows oldest first: a version was replaced when its
    successor was crawled, the next earlier version's crawled_at or, for the last, the current version's."""
    by_article: dict[tuple[str, str], list[RevisionRow]] = defaultdict(list)
    for row in rows:
        by_article[row.site, row.article_id].append(row)
    revised = []
    for (site, article_id), versions in by_article.items():
        successors = [version.crawled_at for version in versions[1:]] + [versions[-1].current_crawled_at]
        revised.extend((site, article_id, successor) for successor in successors if successor)
    return revised


def event_counts(revisions: Iterable[RevisionRow], missing: Iterable[MissingRow], selection: Selection
                 ) -> tuple[Counter, Counter, Counter]:
    """(day, kind) -> count of the revisions and deletions in the selection, and both by site. A deletion is
    `deleted` when the article had been stored, `never stored` when only a link to it was ever seen."""
    events: Counter = Counter()
    revised_by_site: Counter = Counter()
    deleted_by_site: Counter = Counter()
    for site, _, revised_at in revision_times(revisions):
        day = kst_day(revised_at)
        if _of_site(site, selection) and _in_period(day, selection):
            events[day, "revised"] += 1
            revised_by_site[site] += 1
    for row in missing:
        day = kst_day(row.first_seen_at)
        if _of_site(row.site, selection) and _in_period(day, selection):
            events[day, "deleted" if row.was_stored else "never stored"] += 1
            if row.was_stored:
                deleted_by_site[row.site] += 1
    return events, revised_by_site, deleted_by_site


def gather(articles: Iterable[Mapping], runs: list[Mapping], revisions: Iterable[RevisionRow],
           missing: Iterable[MissingRow], selection: Selection, store: str, generated_at: str) -> Report:
    """The report of the rows a store gave; `articles` are those of the selection already."""
    events, revised_by_site, deleted_by_site = event_counts(revisions, missing, selection)
    return Report(
        store=store, generated_at=generated_at, selection=selection, articles=article_figures(articles),
        runs=run_figures(runs, selection), events=events, revised_by_site=revised_by_site,
        deleted_by_site=deleted_by_site, failures=failed_articles(runs, selection),
    )


# --------------------------------------------------------------------------------------------------------------
# Reading a store's rows


def store_rows(store) -> tuple[list[RevisionRow], list[MissingRow]]:
    """The revision and missing rows of a SQLite or PostgreSQL store (the same SQL on both), or of a JSONL store
    (every version of an article is a line of its own there)."""
    if hasattr(store, "connection"):
        revisions = [RevisionRow(*row) for row in store.connection.execute(
            "SELECT r.site, r.article_id, r.crawled_at, a.crawled_at FROM revisions r "
            "LEFT JOIN articles a ON a.site = r.site AND a.article_id = r.article_id ORDER BY r.id")]
        missing = [MissingRow(site, article_id, url, reason, first_seen_at, stored is not None)
                   for site, article_id, url, reason, first_seen_at, stored in store.connection.execute(
                       "SELECT m.site, m.article_id, m.url, m.reason, m.first_seen_at, a.article_id FROM missing m "
                       "LEFT JOIN articles a ON a.site = m.site AND a.article_id = m.article_id "
                       "ORDER BY m.first_seen_at, m.site, m.article_id")]
        return revisions, missing
    versions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in read_jsonl(store.path):
        versions[line["site"], line["article_id"]].append(line["crawled_at"])
    revisions = [RevisionRow(site, article_id, crawled_at, times[-1])
                 for (site, article_id), times in versions.items() for crawled_at in times[:-1]]
    missing = [MissingRow(site, article_id, record["url"], record["reason"], record["seen_at"],
                          (site, article_id) in store.latest)
               for (site, article_id), record in store.missing_records.items()]
    return revisions, missing


def read_report(store, selection: Selection, store_name: str, generated_at: str | None = None) -> Report:
    """The report of an open store: its articles of the selection (streamed: only counts are kept), its run
    records, revisions and deletions."""
    revisions, missing = store_rows(store)
    articles = store.select_articles(**selection.store_query())
    generated_at = generated_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    return gather(articles, store.runs(), revisions, missing, selection, store_name, generated_at)


# --------------------------------------------------------------------------------------------------------------
# Rendering: the page and its SVG charts

e = html.escape


def time_bins(first: str, last: str) -> tuple[str, list[str], callable]:
    """(unit, the bins from `first` to `last` (ISO days), the bin of a day): days, or weeks (from Monday) or months
    when there would be too many days to draw."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    days = (end - start).days + 1
    if days <= MAX_DAY_BINS:
        return "day", [(start + timedelta(days=n)).isoformat() for n in range(days)], lambda day: day
    if days <= MAX_WEEK_BINS * 7:
        def week(day: str) -> str:
            moment = date.fromisoformat(day)
            return (moment - timedelta(days=moment.weekday())).isoformat()
        monday = date.fromisoformat(week(first))
        return "week", [(monday + timedelta(weeks=n)).isoformat() for n in range((end - monday).days // 7 + 1)], week
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "month", months, lambda day: day[:7]


def nice_ceiling(value: float) -> tuple[float, float]:
    """(a round axis maximum at or above `value`, its tick step)."""
    if value <= 0:
        return 1, 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (magnitude / 5, magnitude / 2, magnitude, magnitude * 2):
        step = max(step, 1)
        top = step * -(-value // step)
        if top / step <= 6:
            return top, step
    return value, value


def stacked_bars(chart_id: str, bins: list[str], series: list[tuple[str, str, Mapping[str, int]]], caption: str,
                 width: int = 960, height: int = 260) -> str:
    """A stacked bar chart, one bar per bin, `series` (label, color, bin -> count) stacked in order; each bar piece
    has a tooltip (`<title>`) with its label and count."""
    left, right, top, bottom = 44, 28, 10, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values.get(name, 0) for _, _, values in series) for name in bins]
    ceiling, step = nice_ceiling(max(totals, default=0))
    slot = plot_w / max(len(bins), 1)
    bar_w = min(max(slot * 0.8, 1), 48)
    parts = [f'<svg id="{chart_id}" class="chart" role="img" aria-label="{e(caption)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    tick = 0.0
    while tick <= ceiling:
        y = top + plot_h - tick / ceiling * plot_h
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{tick:g}</text>')
        tick += step
    label_every = max(1, round(len(bins) / 12))
    for index, name in enumerate(bins):
        x = left + index * slot + (slot - bar_w) / 2
        base = top + plot_h
        for label, color, values in series:
            count = values.get(name, 0)
            if not count:
                continue
            bar_h = count / ceiling * plot_h
            base -= bar_h
            parts.append(f'<rect class="bar" x="{x:.2f}" y="{base:.2f}" width="{bar_w:.2f}" height="{bar_h:.2f}" '
                         f'fill="{color}" data-bin="{e(name)}" data-count="{count}"><title>{e(name)} · {e(label)}: '
                         f'{count}</title></rect>')
        if index % label_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" class="tick" text-anchor="middle">'
                         f'{e(name[5:] if len(name) == 10 else name)}</text>')
    if bins and len(bins[0]) == 10:  # days and weeks are labelled MM-DD: the year below
        parts.append(f'<text x="{left}" y="{height - 6}" class="tick">{e(bins[0][:4])}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" class="axis"/></svg>')
    return "".join(parts)


def legend(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{color}"></span>{e(label)}</li>'
                    for label, color in entries)
    return f'<ul class="legend">{items}</ul>'


def horizontal_bars(chart_id: str, rows: list[tuple[str, int]], caption: str, width: int = 640) -> str:
    """One bar per row (label, value), longest first as given."""
    label_w, row_h, right = 220, 22, 40
    height = row_h * len(rows) + 8
    peak = max((value for _, value in rows), default=1) or 1
    parts = [f'<svg id="{chart_id}" class="chart" role="img" aria-label="{e(caption)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for index, (label, value) in enumerate(rows):
        y = 4 + index * row_h
        bar_w = value / peak * (width - label_w - right)
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" class="label" text-anchor="end">{e(label)}</text>'
                     f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{bar_w:.2f}" height="{row_h - 6}" '
                     f'fill="{PALETTE[0]}" data-count="{value}"><title>{e(label)}: {value}</title></rect>'
                     f'<text x="{label_w + bar_w + 6:.2f}" y="{y + 15}" class="tick">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _share_color(share: float) -> str:
    """White (0) to a dark blue (1)."""
    low, high = (247, 251, 255), (8, 69, 148)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high))


def coverage_heatmap(chart_id: str, site: str, runs: list[RunFigures]) -> str:
    """Per run of `site` (columns), the share of its articles having each field (rows), and of those matching a
    layout; a cell with a drift that run is outlined in red and marked."""
    shown = [run for run in runs if site in run.sites and run.sites[site]["articles"]]
    rows = [*ARTICLE_FIELDS, LAYOUT_ROW]
    label_w, cell_w, cell_h, top = 130, max(28, min(60, 700 // max(len(shown), 1))), 18, 34
    width, height = label_w + cell_w * len(shown) + 10, top + cell_h * len(rows) + 6
    parts = [f'<svg id="{chart_id}" class="chart heatmap" role="img" aria-label="field coverage per run on {e(site)}" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for column, run in enumerate(shown):
        x = label_w + column * cell_w
        parts.append(f'<text x="{x + cell_w / 2}" y="14" class="tick" text-anchor="middle">#{run.number}</text>'
                     f'<text x="{x + cell_w / 2}" y="28" class="tick" text-anchor="middle">{run.sites[site]["articles"]}</text>')
        figures = run.sites[site]
        drifted = {LAYOUT_ROW if drift["field"] == LAYOUT_FIELD and drift["kind"] in (LAYOUT, "minimum")
                   else drift["field"]: drift for drift in figures["drifts"]}
        for row, name in enumerate(rows):
            y = top + row * cell_h
            share = figures["layout"] if name == LAYOUT_ROW else figures["coverage"].get(name)
            fill = "#eeeeee" if share is None else _share_color(share)
            drift = drifted.get(name)
            text = "–" if share is None else f"{share:.0%}"
            tip = f"run #{run.number}, {name}: {text}" + (f"; drift: {describe(drift)}" if drift else "")
            stroke = ' stroke="#d62728" stroke-width="2.5"' if drift else ' stroke="#ffffff"'
            parts.append(f'<rect class="cell{" drift" if drift else ""}" x="{x + 1}" y="{y}" width="{cell_w - 2}" '
                         f'height="{cell_h - 2}" fill="{fill}"{stroke} data-share="{"" if share is None else share}">'
                         f'<title>{e(tip)}</title></rect>')
            dark = share is not None and share > 0.55
            parts.append(f'<text x="{x + cell_w / 2}" y="{y + 12.5}" class="cell-text" text-anchor="middle" '
                         f'fill="{"#ffffff" if dark else "#333333"}">{"!" if drift else ""}{text}</text>')
    for row, name in enumerate(rows):
        parts.append(f'<text x="{label_w - 8}" y="{top + row * cell_h + 12.5}" class="label" text-anchor="end">{e(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset(), table_id: str = "") -> str:
    head = "".join(f"<th>{e(header)}</th>" for header in headers)
    cell = '<td class="num">{}</td>', "<td>{}</td>"
    body = "".join("<tr>" + "".join(cell[index not in numeric].format(e(str(value))) for index, value in enumerate(row))
                   + "</tr>" for row in rows)
    opening = f'<table id="{table_id}">' if table_id else "<table>"
    return f"{opening}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _articles_section(report: Report) -> str:
    figures = report.articles
    if not figures.by_day:
        chart = "<p>No dated article in the selection.</p>"
    else:
        days = [day for day, _, _ in figures.by_day]
        unit, bins, bin_of = time_bins(min(days), max(days))
        keys = sorted({(site, section) for _, site, section in figures.by_day})
        series = []
        for index, (site, section) in enumerate(keys):
            values: Counter = Counter()
            for (day, each_site, each_section), count in figures.by_day.items():
                if (each_site, each_section) == (site, section):
                    values[bin_of(day)] += count
            series.append((f"{site} · {section}", PALETTE[index % len(PALETTE)], values))
        chart = (f"<p>Articles per {unit} of publication (KST), stacked by site and section"
                 f"{f'; {figures.undated} undated articles are not drawn' if figures.undated else ''}.</p>"
                 + stacked_bars("articles-per-day", bins, series, f"articles per {unit} by site and section")
                 + legend([(label, color) for label, color, _ in series]))
    sites = sorted(figures.by_site)
    rows = [[site, figures.by_site[site], ", ".join(f"{section} {count}" for (each, section), count in
                                                   sorted(figures.by_site_section.items()) if each == site),
             figures.first_day.get(site, "–"), figures.last_day.get(site, "–"),
             report.revised_by_site.get(site, 0), report.deleted_by_site.get(site, 0)] for site in sites]
    table = _table(["site", "articles", "by section", "first published", "last published", "revisions", "deleted"],
                   rows, {1, 5, 6}, "articles-per-site")
    return f'<section id="articles"><h2>Articles per day, site and section</h2>{chart}{table}</section>'


def _reporters_section(report: Report) -> str:
    top = top_reporters(report.articles)
    if not top:
        return '<section id="reporters"><h2>Top reporters</h2><p>No article names an author.</p></section>'
    chart = horizontal_bars("top-reporters", [(f"{name} ({site})", count) for name, site, count in top],
                            "authors by article count")
    table = _table(["reporter", "site", "articles"], [[name, site, count] for name, site, count in top], {2},
                   "reporters")
    return (f'<section id="reporters"><h2>Top reporters</h2><p>Authors by the number of articles whose byline names '
            f'them, per site (the same name on two sites is counted apart).</p>{chart}{table}</section>')


def _runs_section(report: Report) -> str:
    runs = report.runs
    if not runs:
        return '<section id="runs"><h2>Runs: field coverage and drift</h2><p>The store holds no run record.</p></section>'
    sites = sorted({site for run in runs for site in run.sites})
    maps = '<div class="heatmaps">' + "".join(
        f"<div><h3>{e(site)}</h3>{coverage_heatmap(f'coverage-{index}', site, runs)}</div>"
        for index, site in enumerate(sites)) + "</div>"
    rows = [[run.number, run.started_at or "–", run.finish_reason, "–" if run.exit_code is None else run.exit_code,
             run.new, run.updated, run.unchanged, run.failed,
             sum(len(figures["drifts"]) for figures in run.sites.values())] for run in runs]
    table = _table(["run", "started (UTC)", "finish", "exit code", "new", "updated", "unchanged", "failed", "drifts"],
                   rows, {4, 5, 6, 7, 8}, "runs")
    drifts = [describe(drift) for run in runs for figures in run.sites.values() for drift in figures["drifts"]]
    drift_list = ("<ul class=\"drifts\">" + "".join(f"<li>{e(line)}</li>" for line in drifts) + "</ul>") if drifts else \
        "<p>No run recorded a markup drift.</p>"
    return (f'<section id="runs"><h2>Runs: field coverage and drift</h2><p>Each column is a run (its number, then its '
            f'articles of the site); each cell the share of those articles that had the field. A cell outlined in red is '
            f'a drift that run found (newscrawl.drift).</p>{maps}{drift_list}{table}</section>')


def _events_section(report: Report) -> str:
    if not report.events:
        return ('<section id="changes"><h2>Revisions and deletions</h2><p>No article was revised or deleted '
                'in the selection.</p></section>')
    days = [day for day, _ in report.events]
    unit, bins, bin_of = time_bins(min(days), max(days))
    series = []
    for kind, color in EVENT_COLORS.items():
        values: Counter = Counter()
        for (day, each), count in report.events.items():
            if each == kind:
                values[bin_of(day)] += count
        series.append((kind, color, values))
    totals = {kind: sum(values.values()) for kind, _, values in series}
    return (f'<section id="changes"><h2>Revisions and deletions</h2><p>Per {unit} (KST) a revision was found (an article '
            f'whose title, body or printed modified time changed: its earlier version is kept), a stored article was '
            f'found deleted (it stays stored, marked gone), or a link led to a deleted article never stored. In all: '
            f'{totals["revised"]} revised, {totals["deleted"]} deleted, {totals["never stored"]} never stored.</p>'
            + stacked_bars("revisions-deletions", bins, series, f"revisions and deletions per {unit}", height=200)
            + legend([(kind, color) for kind, color, _ in series]) + "</section>")


def _failures_section(report: Report) -> str:
    if not report.failures:
        return '<section id="failures"><h2>Failed articles</h2><p>No run recorded a failed article.</p></section>'
    rows = [[failure["run"], failure["site"] or "–", failure["url"], failure["status"] or "–", failure["error"] or "–"]
            for failure in report.failures]
    return (f'<section id="failures"><h2>Failed articles</h2><p>Articles a run could not get ({len(rows)}); the next '
            f'run tries them again.</p>{_table(["run", "site", "URL", "status", "error"], rows, {0}, "failed")}</section>')


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Malgun Gothic", sans-serif; margin: 24px auto;
       max-width: 1000px; color: #222; background: #fff; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; }
h3 { font-size: 14px; margin: 14px 0 4px; }
p, li, td, th { font-size: 13px; } .meta { color: #666; }
table { border-collapse: collapse; margin-top: 10px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
td.num { text-align: right; } th { background: #f4f4f4; }
.heatmaps { display: flex; flex-wrap: wrap; gap: 8px 36px; }
.summary { display: flex; gap: 24px; } .summary div { font-size: 13px; } .summary b { display: block; font-size: 24px; }
svg.chart { display: block; margin-top: 6px; }
svg .grid { stroke: #e5e5e5; } svg .axis { stroke: #888; } svg text { font-size: 11px; fill: #444; }
svg .label { font-size: 12px; fill: #222; } svg .cell-text { font-size: 10px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px; }
"""
# The page loads nothing: no script, no font, no image, no stylesheet but its own.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def render_html(report: Report) -> str:
    """The whole page, self-contained."""
    figures = report.articles
    chosen = [f"{name} {value}" for name, value in (("since", report.selection.since), ("until", report.selection.until),
                                                    ("site", report.selection.site)) if value]
    summary = "".join(f"<div><b>{value}</b>{e(label)}</div>" for label, value in (
        ("articles", figures.total), ("sites", len(figures.by_site)), ("reporters", len(figures.reporters)),
        ("runs", len(report.runs)), ("revisions", sum(report.revised_by_site.values())),
        ("deleted", sum(report.deleted_by_site.values())), ("failed articles", len(report.failures))))
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>newscrawl report: {e(report.store)}</title><style>{STYLE}</style></head><body>'
        f'<h1>newscrawl report</h1><p class="meta">Store {e(report.store)}; made {e(report.generated_at)}'
        f'{"; " + e(", ".join(chosen)) if chosen else ""}.</p><div class="summary" id="summary">{summary}</div>'
        + _articles_section(report) + _reporters_section(report) + _runs_section(report) + _events_section(report)
        + _failures_section(report) + "</body></html>\n"
    )
