"""`scrapy crawl`, for cron: arguments checked before anything is touched, one run per store at a time, a killed
run's leftovers dealt with, and an exit code that says how the run went (newscrawl.runs has the codes).

Scrapy's own `crawl` exits 0 even when callbacks raised, or when no page could be fetched.
"""

import sqlite3
import sys
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from newscrawl.rendering import BrowserNotFound
from newscrawl.runs import (EXIT_BAD_ARGUMENTS, EXIT_CODE_MEANINGS, EXIT_CODE_STAT, EXIT_FAILED_TO_START,
                            EXIT_INTERRUPTED, EXIT_STORE_DAMAGED, EXIT_STORE_FAILED, EXIT_STORE_LOCKED,
                            killed_run_record)
from newscrawl.stores import (STORE_ERRORS, KilledRun, StoreLock, StoreLocked, StoreUnusable, check_store,
                              check_store_spec, is_server_store, open_store)


def _say(message: str) -> None:
    # Before the crawl starts, Scrapy's logging is not set up yet: these lines go straight to stderr.
    print(f"newscrawl: {message}", file=sys.stderr)


def set_aside(jobdir: Path, found_at: datetime) -> Path:
    """Renames a killed run's job directory out of the way: its queue files were cut off mid-write, and Scrapy,
    given them again, waits forever on requests it cannot read."""
    aside = jobdir.with_name(f"{jobdir.name}.killed-{found_at.strftime('%Y%m%dT%H%M%SZ')}")
    jobdir.rename(aside)
    return aside


def _first_line(error: BaseException) -> str:
    # psycopg's connection errors run over several lines (one per address tried).
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


class Command(ScrapyCrawlCommand):
    def long_desc(self) -> str:
        codes = ", ".join(f"{code} {meaning}" for code, meaning in EXIT_CODE_MEANINGS.items())
        return (
            "Run a spider. Its arguments are checked first; the store (NEWSCRAWL_STORE) is then locked for the run, "
            f"so a second run on the same store exits at once with code {EXIT_STORE_LOCKED}. Exit codes: {codes}."
        )

    def run(self, args, opts):
        if len(args) != 1:
            return super().run(args, opts)
        spider_name = args[0]
        store_spec = self.settings.get("NEWSCRAWL_STORE")
        try:
            self._check_arguments(spider_name, opts.spargs, store_spec)
        except (ValueError, BrowserNotFound) as error:
            return self._fail(EXIT_BAD_ARGUMENTS, str(error))
        if not store_spec:
            # Feeds only (-O): no store to lock or check.
            return self._crawl(spider_name, opts)
        if is_server_store(store_spec):
            # A server's store is shared by workers that run at once, so it takes no one-run lock; reaching it
            # (and its schema) is checked here, before anything is crawled.
            try:
                open_store(store_spec).close()
            except StoreUnusable as unusable:
                return self._fail(EXIT_STORE_DAMAGED, f"{unusable}; nothing was crawled.")
            except STORE_ERRORS as error:
                return self._fail(EXIT_STORE_FAILED, f"cannot use the store {store_spec}: {_first_line(error)}")
            return self._crawl(spider_name, opts)
        with ExitStack() as held:
            try:
                lock = held.enter_context(StoreLock(store_spec))
                check_store(store_spec)
                if lock.killed_run:
                    self._recover_from(lock.killed_run, store_spec)
            except StoreLocked as locked:
                return self._fail(EXIT_STORE_LOCKED, f"{locked}; not starting.")
            except StoreUnusable as unusable:
                return self._fail(EXIT_STORE_DAMAGED, f"{unusable}; the file is left as it is, and nothing was crawled.")
            except (OSError, sqlite3.Error) as error:
                # The lock file or the store cannot be made or written: an unwritable path, a full disk.
                return self._fail(EXIT_STORE_FAILED, f"cannot use the store {store_spec}: {error}")
            self._crawl(spider_name, opts)

    def _check_arguments(self, spider_name: str, spider_arguments: dict, store_spec: str) -> None:
        try:
            spider_class = self.crawler_process.spider_loader.load(spider_name)
        except KeyError:
            raise ValueError(f"no spider named {spider_name!r}; `scrapy list` names them") from None
        check_arguments = getattr(spider_class, "check_arguments", None)
        if check_arguments:
            check_arguments(spider_arguments, self.settings)
        if store_spec:
            check_store_spec(store_spec)

    def _recover_from(self, killed: KilledRun, store_spec: str) -> None:
        """Records the killed run, sets its job directory aside, and makes this run walk every list page."""
        found_at = datetime.now(timezone.utc)
        store = open_store(store_spec)
        try:
            store.add_run(killed_run_record(killed.started_at, killed.pid, found_at))
        finally:
            store.close()
        recovering = {"killed_run_started_at": killed.started_at, "killed_run_pid": killed.pid}
        _say(f"the previous run on this store (started {killed.started_at}) was killed; walking every list page.")
        jobdir = self.settings.get("JOBDIR")
        if jobdir and Path(jobdir).exists():
            aside = set_aside(Path(jobdir), found_at)
            recovering["jobdir_set_aside"] = str(aside)
            _say(f"its job directory {jobdir} cannot be resumed after a kill: set aside as {aside}; "
                 "the store's own state resumes the work.")
        self.settings.set("NEWSCRAWL_RECOVERING", recovering, priority="cmdline")

    def _crawl(self, spider_name: str, opts) -> None:
        crawler = self.crawler_process.create_crawler(spider_name)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = EXIT_FAILED_TO_START
            return
        code = crawler.stats.get_value(EXIT_CODE_STAT)
        if code is None:
            # A second Ctrl-C stops the process before the run's end is recorded.
            _say(f"the run was stopped before its end could be recorded; exit code {EXIT_INTERRUPTED}.")
            code = EXIT_INTERRUPTED
        self.exitcode = code

    def _fail(self, code: int, message: str) -> None:
        _say(message)
        self.exitcode = code
