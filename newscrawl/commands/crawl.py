"""`scrapy crawl`, for cron: one run per store at a time, and an exit code that says how the run went.

Scrapy's own `crawl` exits 0 even when callbacks raised; this one computes the code from the run's stats
(see newscrawl.runs for the codes).
"""

import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from newscrawl.runs import EXIT_STORE_FAILED, EXIT_STORE_LOCKED, exit_code, run_record
from newscrawl.stores import StoreLock, StoreLocked


class Command(ScrapyCrawlCommand):
    def long_desc(self) -> str:
        return (
            "Run a spider. The store (NEWSCRAWL_STORE) is locked for the run: a second run on the same store exits "
            f"at once with code {EXIT_STORE_LOCKED}. Exit codes: 0 ok, 1 bad arguments, 3 store locked, "
            "4 nothing found on pages that exist, 5 more errors than NEWSCRAWL_MAX_ERRORS, 6 the store cannot be written."
        )

    def run(self, args, opts):
        store_spec = self.settings.get("NEWSCRAWL_STORE")
        if len(args) != 1 or not store_spec:
            return super().run(args, opts)
        try:
            with StoreLock(store_spec) as lock:
                if lock.previous_run_was_killed:
                    # Its list walk stopped half way: this run walks the lists to the end to find what it missed.
                    print("newscrawl: the previous run on this store was killed; walking every list page.", file=sys.stderr)
                    self.settings.set("NEWSCRAWL_RECOVERY", True, priority="cmdline")
                crawler = self._create_crawler(args[0])
                self.crawler_process.crawl(crawler, **opts.spargs)
                self.crawler_process.start()
        except StoreLocked as locked:
            print(f"newscrawl: {locked}; not starting.", file=sys.stderr)
            self.exitcode = EXIT_STORE_LOCKED
            return
        except OSError as error:
            print(f"newscrawl: cannot use the store {store_spec}: {error}", file=sys.stderr)
            self.exitcode = EXIT_STORE_FAILED
            return
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats()
        self.exitcode = exit_code(run_record(stats, stats.get("finish_reason", "")), self.settings.getint("NEWSCRAWL_MAX_ERRORS"))
