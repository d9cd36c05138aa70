"""A store of the sample family filled by two real `scrapy crawl` runs, for the report's tests and its README
screenshot: the first run stores both sites whole; before the second (a full walk) site A edits one article,
deletes one stored article and fails another on every try, and site B deletes one of its stored articles."""

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from newscrawl import sample_site
from newscrawl.demo import sites_file
from newscrawl.sample_site.faults import FaultInjector
from tests.crawling import Crawl, crawl

EDITED_IDX = 828
DELETED_IDX = 834
FAILED_IDX = 818
SITE_B_DELETED_IDX = 30521
SECOND_RUN = ("-a", "mode=full", "-s", "RETRY_TIMES=0")


@dataclass
class FamilyStore:
    first: Crawl
    second: Crawl
    base_urls: dict[str, str]  # host -> base URL

    @property
    def path(self) -> Path:
        return self.first.store_path


def edit_title(site: sample_site.SampleSite, idx: int, suffix: str = " (수정)") -> None:
    data = site.app.data
    site.app.data = type(data)(
        data.sections,
        [dataclasses.replace(a, title=a.title + suffix, title_raw=a.title_raw + suffix) if a.idx == idx else a
         for a in data.articles],
        data.deleted_idx,
    )


def crawl_family_twice(workdir: Path, *extra: str, store_spec: str | None = None) -> FamilyStore:
    """Both runs into the SQLite store under `workdir` (or the store `store_spec` names)."""
    with sample_site.start_family() as family:
        toml = workdir / "family.toml"
        workdir.mkdir(parents=True, exist_ok=True)
        toml.write_text(sites_file(list(family.sites)), encoding="utf-8")
        first = crawl(None, workdir, *extra, sites=str(toml), store_spec=store_spec)
        edit_title(family.a, EDITED_IDX)
        family.a.app.add_hook(FaultInjector({DELETED_IDX: "deleted", FAILED_IDX: "500"}))
        family.b.app.add_hook(FaultInjector({SITE_B_DELETED_IDX: "deleted"}))
        second = crawl(None, workdir, *SECOND_RUN, *extra, sites=str(toml), store_spec=store_spec)
        return FamilyStore(first, second, {site.host: site.base_url for site in family.sites})


def main(argv: list[str]) -> int:
    """`python -m tests.report_family PNG [HTML]`: the two runs into a fresh store, its report, and a full-page
    screenshot of the report in the system Chromium (how docs/report.png is made; Hangul needs a Korean font that
    fontconfig finds, e.g. `apt-get install fonts-nanum`)."""
    import subprocess
    import sys
    import tempfile

    from playwright.sync_api import sync_playwright

    from newscrawl.demo import scrapy_environment
    from newscrawl.rendering import CHROMIUM_ARGS, find_chromium

    screenshot = Path(argv[0])
    with tempfile.TemporaryDirectory() as workdir:
        store = crawl_family_twice(Path(workdir))
        report = Path(argv[1]) if len(argv) > 1 else Path(workdir) / "report.html"
        subprocess.run([sys.executable, "-m", "scrapy", "report", "-o", str(report), "--store", f"sqlite:{store.path}"],
                       env=scrapy_environment(), check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(""), args=list(CHROMIUM_ARGS), headless=True)
            page = browser.new_page(viewport={"width": 1040, "height": 900})
            page.goto(report.resolve().as_uri())
            page.screenshot(path=str(screenshot), full_page=True)
            browser.close()
    print(f"{screenshot}: the report of {store.path.name} from two runs over the sample family")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
