"""Snapshots: an article page as it was fetched on one day, and the item our parsers made of it, kept as a test.

A snapshot is two files under a folder (default tests/snapshots), named by the article's site, id and the day
(UTC) it was fetched:

    127.0.0.1/828-2026-05-01.html.gz   the response body, byte for byte as received, gzipped
    127.0.0.1/828-2026-05-01.json      {"url", "family", "fetched_at", "encoding", "content_type", "expected"}

`expected` is the ArticleItem as a dict, every field (the store-only `paywalled` and `provenance` included).
The page is parsed the same way every time: as an HTML response at `url`, decoded with `encoding` (what the
fetch decoded it with, after the charset repair), by the family's article_page with crawled_at = fetched_at, so a
relative date reads the same forever, and with no section hint (a snapshot has no list page that linked it).

`scrapy snapshot` (newscrawl.commands.snapshot) writes and updates them; tests/test_snapshots.py checks every
one with `check`. Everything here is pure: files and values in, values out, no network.
"""

import difflib
import gzip
import json
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from newscrawl.cms import FAMILIES, family_of_article_url
from newscrawl.cms.base import NotAnArticle, site_key
from newscrawl.runs import EXIT_BAD_ARGUMENTS, EXIT_OK, EXIT_SITE_UNREACHABLE
from newscrawl.sites import SitesError, registry, site_at

# Where snapshots are kept, and the environment variable that names another folder for the test suite.
DEFAULT_DIR = Path("tests/snapshots")
SNAPSHOTS_ENV = "NEWSCRAWL_SNAPSHOTS"
HTML_SUFFIX = ".html.gz"
JSON_SUFFIX = ".json"

# Exit codes of `scrapy snapshot`; the bad-arguments and unreachable codes are those of `scrapy crawl`.
EXIT_NOT_AN_ARTICLE = 1
EXIT_CODE_MEANINGS = {
    EXIT_OK: "ok",
    EXIT_NOT_AN_ARTICLE: "a URL gave no article (the reason is named), or a saved snapshot can no longer be read "
                         "or parsed",
    EXIT_BAD_ARGUMENTS: "bad arguments",
    EXIT_SITE_UNREACHABLE: "a URL could not be fetched (connection, HTTP status, robots.txt)",
}


class SnapshotError(Exception):
    """A snapshot whose files cannot be read, or are not a snapshot; the message names the file."""


@dataclass(frozen=True)
class Snapshot:
    """One saved page and what its family made of it. `path` is the JSON file (None until written)."""

    url: str
    family: str
    fetched_at: str  # ISO 8601, UTC, whole seconds
    encoding: str
    content_type: str | None
    expected: dict
    body: bytes
    path: Path | None = None

    @property
    def html_path(self) -> Path:
        return html_path_of(self.path)

    def to_json(self) -> str:
        """The JSON file's text: sorted keys, two-space indent, Korean as it is, so a diff reads well."""
        fields = {"url": self.url, "family": self.family, "fetched_at": self.fetched_at, "encoding": self.encoding,
                  "content_type": self.content_type, "expected": self.expected}
        return json.dumps(fields, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def html_path_of(json_path: Path) -> Path:
    return json_path.with_name(json_path.name.removesuffix(JSON_SUFFIX) + HTML_SUFFIX)


def family_for(url: str, family: str | None = None) -> str:
    """The family that reads `url`: `family` when given, else the registry's record for its host, else the family
    whose URL scheme names an article in it (dada when none does). ValueError, saying why, for a URL that is not http(s) or an unknown family."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http or https URL")
    if family is not None:
        if family not in FAMILIES:
            raise ValueError(f"unknown family {family!r}; the families are {', '.join(FAMILIES)}")
        return family
    try:
        registered = site_at(f"{parts.scheme}://{parts.netloc}/")
    except SitesError as error:
        raise ValueError(str(error)) from None
    if registered.key in registry():
        return registered.family
    # A host the registry does not know: the family whose URL scheme names an article in the URL.
    found = family_of_article_url(url)
    return found.key if found else registered.family


def fetch_time(moment: datetime) -> str:
    """A fetch time as a snapshot keeps it (UTC, whole seconds), so parsing from the file gives what the fetch gave."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _jsonable(value):
    # Exactly what the value becomes once written and read back (tuples become lists, and so on).
    return json.loads(json.dumps(value, ensure_ascii=False))


def parse(url: str, body: bytes, encoding: str, family: str, fetched_at: str) -> dict:
    """The item the family's article_page makes of the page, as a JSON-ready dict of every field. NotAnArticle
    when the page is not an article."""
    response = HtmlResponse(url=url, body=body, encoding=encoding)
    item = FAMILIES[family].article_page(response, crawled_at=datetime.fromisoformat(fetched_at)).item
    return _jsonable(dict(item))


def make(url: str, body: bytes, encoding: str, content_type: str | None, family: str, fetched_at: datetime) -> Snapshot:
    """A new snapshot of a fetched page (not written yet): parsed exactly as `check` will parse it again."""
    when = fetch_time(fetched_at)
    return Snapshot(url, family, when, encoding, content_type, parse(url, body, encoding, family, when), body)


def path_for(directory: Path, snapshot: Snapshot) -> Path:
    """Where a snapshot's JSON file goes: DIR/<site>/<article id>-<YYYY-MM-DD of the fetch, UTC>.json."""
    day = snapshot.fetched_at[:10]
    return directory / snapshot.expected["site"] / f"{snapshot.expected['article_id']}-{day}{JSON_SUFFIX}"


def write(snapshot: Snapshot, directory: Path) -> Snapshot:
    """Writes both files under `directory` (replacing a snapshot of the same article fetched the same day); the
    snapshot with its path. The gzip stream carries no time, so the same body always gives the same bytes."""
    path = path_for(directory, snapshot)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = replace(snapshot, path=path)
    written.html_path.write_bytes(gzip.compress(snapshot.body, mtime=0))
    path.write_text(written.to_json(), encoding="utf-8")
    return written


def load(path: Path) -> Snapshot:
    """The snapshot whose JSON file is `path`; SnapshotError when a file is missing or not what it should be."""
    try:
        fields = json.loads(path.read_text("utf-8"))
        body = gzip.decompress(html_path_of(path).read_bytes())
    except FileNotFoundError as error:
        raise SnapshotError(f"{error.filename} is missing") from None
    except (OSError, UnicodeDecodeError, ValueError, EOFError) as error:
        raise SnapshotError(f"cannot read the snapshot {path}: {error}") from None
    wanted = ("url", "family", "fetched_at", "encoding", "expected")
    missing = [name for name in wanted if not isinstance(fields, dict) or name not in fields]
    if missing:
        raise SnapshotError(f"{path} is not a snapshot: it has no {', '.join(missing)}")
    if fields["family"] not in FAMILIES:
        raise SnapshotError(f"{path}: unknown family {fields['family']!r}; the families are {', '.join(FAMILIES)}")
    return Snapshot(fields["url"], fields["family"], fields["fetched_at"], fields["encoding"],
                    fields.get("content_type"), fields["expected"], body, path)


def find(directory: Path) -> list[Path]:
    """The JSON files of every snapshot under `directory`, in path order."""
    return sorted(path for path in directory.rglob(f"*{JSON_SUFFIX}") if path.is_file())


def snapshot_id(path: Path, directory: Path) -> str:
    """A snapshot's name for people and test ids: its JSON path under the folder, without .json (site/file)."""
    return path.relative_to(directory).as_posix().removesuffix(JSON_SUFFIX)


def is_of(snapshot: Snapshot, url: str) -> bool:
    """Whether the snapshot is of the article `url` names, in any of its family's URL forms."""
    family = FAMILIES[snapshot.family]
    article_id = family.article_id(url)
    return article_id is not None and (site_key(url), article_id) == (site_key(snapshot.url), family.article_id(snapshot.url))


def reparse(snapshot: Snapshot) -> dict:
    """The item today's parsers make of the saved page; NotAnArticle when they no longer see an article in it."""
    return parse(snapshot.url, snapshot.body, snapshot.encoding, snapshot.family, snapshot.fetched_at)


def differences(expected: dict, parsed: dict) -> list[str]:
    """One line per field whose value differs (or that only one side has), in field order."""
    names = [*expected, *(name for name in parsed if name not in expected)]
    lines = []
    for name in names:
        if name not in parsed:
            lines.append(f"{name}: expected {_show(expected[name])}, the parser gives no such field")
        elif name not in expected:
            lines.append(f"{name}: not expected, the parser gives {_show(parsed[name])}")
        elif expected[name] != parsed[name]:
            lines.append(f"{name}: expected {_show(expected[name])}, parsed {_show(parsed[name])}")
    return lines


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else f"{text[:300]}… ({len(text)} characters)"


def check(snapshot: Snapshot) -> list[str]:
    """What differs between the snapshot's expected item and what today's parsers make of its page (empty: all
    equal); a page they no longer read as an article is one line saying why."""
    try:
        parsed = reparse(snapshot)
    except NotAnArticle as not_an_article:
        return [f"the parser no longer reads an article in the page: {not_an_article.reason}"]
    return differences(snapshot.expected, parsed)


def update(snapshot: Snapshot) -> str:
    """Rewrites the snapshot's expected item with what today's parsers make of its page. Returns the unified diff
    of its JSON file, empty when nothing changed (the file is then left as it is). NotAnArticle when the parsers
    no longer read an article in the page (the file is left as it is)."""
    updated = replace(snapshot, expected=reparse(snapshot))
    before, after = snapshot.path.read_text("utf-8"), updated.to_json()
    if before == after:
        return ""
    snapshot.path.write_text(after, encoding="utf-8")
    name = snapshot.path.as_posix()
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=name, tofile=name))
