"""`scrapy sites`: the sites `-a sites=` can name, from the bundled registry or a sites file, with their quirks."""

import sys

from scrapy.commands import ScrapyCommand

from newscrawl.runs import EXIT_BAD_ARGUMENTS
from newscrawl.sites import SitesError, resolve_sites


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[all | SITE,... | FILE.toml]"

    def short_desc(self) -> str:
        return "List the sites a crawl can name: key, base URL, family, list paging, sections and User-Agent"

    def run(self, args, opts):
        try:
            sites = resolve_sites(",".join(args or ["all"]).split(","))
        except SitesError as error:
            print(f"newscrawl: {error}", file=sys.stderr)
            self.exitcode = EXIT_BAD_ARGUMENTS
            return
        for site in sites:
            sections = ",".join(site.sections) or "from the menu"
            print(f"{site.key}\t{site.base_url}\t{site.family}\tlist_paging={site.list_paging}\tsections={sections}"
                  f"\tuser_agent={site.user_agent}")
