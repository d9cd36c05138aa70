"""Sites as records: which family a site runs, where it lives, which sections to walk, and its quirks.

The bundled registry (sites.toml beside this file) holds the known sites of each family; a user's own sites file
has the same form, and an entry for a host the registry knows keeps the registry's quirks unless it sets them.

    [[site]]
    base_url = "https://www.kbsm.net"    # the key is its host without "www.": kbsm.net
    family = "dada"                      # default: dada
    sections = ["m71w8xw"]               # default: read from the home page's menu
    list_paging = "board_data"           # default: page (see newscrawl.cms.dada.urls)
    user_agent = "browser"               # default: crawler (see Site.user_agent)
"""

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from newscrawl import cms
from newscrawl.arguments import ArgumentError
from newscrawl.cms.base import site_key

REGISTRY_FILE = "sites.toml"
# `-a sites=all`: every site of the registry.
ALL_SITES = "all"
# A `-a sites=` item that ends so is the path of a sites file.
SITES_FILE_SUFFIX = ".toml"


# A site record's `user_agent`: the crawler's own User-Agent, or the same behind a browser's prefix.
CRAWLER_USER_AGENT, BROWSER_USER_AGENT = "crawler", "browser"
USER_AGENT_KINDS = (CRAWLER_USER_AGENT, BROWSER_USER_AGENT)


class SitesError(ArgumentError):
    """A sites argument or file that names no site, or a site record that is not valid; the message says which."""


@dataclass(frozen=True)
class Site:
    """One news site: a record, no code. `key` is derived from `base_url`."""

    base_url: str
    family: str = "dada"
    sections: tuple[str, ...] = ()
    # How the site's lists page (a quirk): the family's list paging names, e.g. dada's "page" or "board_data".
    list_paging: str = "page"
    # Who the requests say they come from (a quirk): "crawler", the project's USER_AGENT, or "browser", the same
    # words behind "Mozilla/5.0 (compatible; ...)", for sites that answer 403 to a User-Agent without it
    # (newscrawl.middlewares.SiteUserAgentMiddleware).
    user_agent: str = "crawler"
    key: str = field(init=False)

    def __post_init__(self):
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SitesError(f"base_url {self.base_url!r} is not an http or https URL")
        object.__setattr__(self, "base_url", self.base_url.rstrip("/") + "/")
        object.__setattr__(self, "key", site_key(self.base_url))
        if self.family not in cms.FAMILIES:
            raise SitesError(f"{self.key}: unknown family {self.family!r}; the families are {', '.join(cms.FAMILIES)}")
        family = cms.FAMILIES[self.family]
        if self.list_paging not in family.list_pagings:
            raise SitesError(f"{self.key}: unknown list_paging {self.list_paging!r}; {self.family} pages by "
                             f"{' or '.join(family.list_pagings)}")
        if self.user_agent not in USER_AGENT_KINDS:
            raise SitesError(f"{self.key}: unknown user_agent {self.user_agent!r}; it is {' or '.join(USER_AGENT_KINDS)}")
        for code in self.sections:
            if not family.is_section_code(code):
                raise SitesError(f"{self.key}: {code!r} is not a {self.family} section code")

    @property
    def cms(self) -> cms.CmsFamily:
        """The family plug-in that reads this site's pages."""
        return cms.FAMILIES[self.family]


_RECORD_FIELDS = tuple(f.name for f in fields(Site) if f.init)


def _site_from_record(record: dict, where: str, known: Mapping[str, Site]) -> Site:
    unknown = sorted(set(record) - set(_RECORD_FIELDS))
    if unknown:
        raise SitesError(f"{where}: unknown field {unknown[0]!r}; a site has {', '.join(_RECORD_FIELDS)}")
    if not isinstance(record.get("base_url"), str):
        raise SitesError(f"{where}: base_url is missing")
    values = {name: tuple(value) if name == "sections" else value for name, value in record.items()}
    registered = known.get(site_key(values["base_url"]))
    # A host the registry knows keeps its quirks; what the record says wins.
    return replace(registered, **values) if registered else Site(**values)


def parse_sites(text: str, where: str, known: Mapping[str, Site] | None = None) -> list[Site]:
    """The sites of a sites file's text (`[[site]]` tables); `where` names the file in errors."""
    try:
        tables = tomllib.loads(text).get("site")
    except tomllib.TOMLDecodeError as error:
        raise SitesError(f"{where} is not valid TOML: {error}") from None
    if not isinstance(tables, list) or not tables:
        raise SitesError(f"{where} has no [[site]] table")
    sites = [_site_from_record(table, f"{where}, site {number}", known or {}) for number, table in enumerate(tables, 1)]
    keys = [site.key for site in sites]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise SitesError(f"{where} names {duplicates[0]} twice")
    return sites


@cache
def registry() -> Mapping[str, Site]:
    """The bundled sites, by key; read once per process (every lookup of a site's quirks goes through it)."""
    text = resources.files("newscrawl").joinpath(REGISTRY_FILE).read_text("utf-8")
    return MappingProxyType({site.key: site for site in parse_sites(text, REGISTRY_FILE)})


def read_sites_file(path: Path, known: Mapping[str, Site]) -> list[Site]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SitesError(f"cannot read the sites file {path}: {error.strerror if isinstance(error, OSError) else error}") from None
    return parse_sites(text, str(path), known)


def site_at(base_url: str, sections: tuple[str, ...] = ()) -> Site:
    """The site at `base_url`: the registry's record for its host (with its quirks) when there is one."""
    site = Site(base_url, sections=sections)
    registered = registry().get(site.key)
    return replace(registered, base_url=site.base_url, sections=sections) if registered else site


def resolve_sites(names: Iterable[str]) -> list[Site]:
    """The sites `-a sites=` names: `all`, registry keys (kbsm.net), sites files (my-sites.toml), in that order,
    each site once."""
    known = registry()
    chosen: dict[str, Site] = {}
    for name in names:
        if name == ALL_SITES:
            found = list(known.values())
        elif name.endswith(SITES_FILE_SUFFIX):
            found = read_sites_file(Path(name), known)
        elif site_key(f"http://{name}") in known:
            found = [known[site_key(f"http://{name}")]]
        else:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise SitesError(f"no site {name!r} in the registry: {hint}name a registered host (scrapy sites lists them), "
                             f"{ALL_SITES}, or a sites file ending in {SITES_FILE_SUFFIX}")
        for site in found:
            chosen.setdefault(site.key, site)
    return list(chosen.values())
