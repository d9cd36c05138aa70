"""Which sites a run crawls, and when: all at once from a file store, or, from a server store shared by several
workers, one lease at a time.

Workers started with the same PostgreSQL store and site list divide the sites among themselves through the store's
`site_leases` table: a worker claims a site (`SELECT ... FOR UPDATE SKIP LOCKED`, so two workers claiming at once
take different sites), renews the lease while it crawls, releases it when the site's last request has ended, and
claims the next. A site whose lease expired (its worker died) is claimed by another worker, whose incremental run
walks all its list pages and so completes the work; articles are keyed by (site, article_id), so nothing is stored
twice. Times are the database server's, so the workers' clocks need not agree.

A round is one run of the workers: a site is due to a worker unless someone finished it since that worker started,
or less than NEWSCRAWL_SITE_FRESH_SECONDS before, so that workers started a little apart (cron on several machines)
share one round instead of crawling the sites again one after another. A worker with nothing left to claim waits
while other workers hold due sites, to take over those whose leases expire.
"""

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass

import psycopg
from scrapy import signals
from scrapy.exceptions import CloseSpider

from newscrawl.runs import LEASES_TAKEN_OVER_STAT, SITES_STAT, STORE_FAILED_REASON, STORE_FAILED_STAT, WORKER_STAT
from newscrawl.signals import site_finished
from newscrawl.stores import is_server_store

logger = logging.getLogger(__name__)

# How often a worker that holds nothing looks whether the others are done: it ends when they are, so this is how
# long it may outlast the last site (a query of a few rows a second).
IDLE_POLL_SECONDS = 1.0

# Due: not finished in this worker's round. Free: no live lease on it, or one of a killed run of this same worker.
_DUE = ("site = ANY(%(sites)s) AND (finished_at IS NULL OR "
        "finished_at < %(round)s - %(fresh_seconds)s * interval '1 second')")
_FREE = "(worker IS NULL OR expires_at < now() OR (worker = %(worker)s AND claimed_at < %(round)s))"


@dataclass(frozen=True)
class Turn:
    """A site's turn to be crawled; `taken_from` names the worker whose lease on it had expired, if one had."""

    site: str
    taken_from: str | None = None


class SiteLeases:
    """One worker's leases in a PostgreSQL store (its `site_leases` table, made by the store's migrations)."""

    def __init__(self, url: str, worker: str, seconds: float, fresh_seconds: float):
        self.worker = worker
        self.seconds = seconds
        self.fresh_seconds = fresh_seconds
        # Each statement is a transaction of its own: a claim is one statement, so it is atomic.
        self.connection = psycopg.connect(url, autocommit=True)
        self.round_started_at = self.connection.execute("SELECT now()").fetchone()[0]

    def _parameters(self, sites: Iterable[str] = ()) -> dict:
        return {"sites": list(sites), "round": self.round_started_at, "fresh_seconds": self.fresh_seconds,
                "worker": self.worker, "seconds": self.seconds}

    def register(self, sites: Iterable[str]) -> None:
        self.connection.execute("INSERT INTO site_leases (site) SELECT unnest(%(sites)s::text[]) ON CONFLICT DO NOTHING",
                                self._parameters(sites))

    def claim(self, sites: list[str]) -> Turn | None:
        """A lease on the due, free site that waited longest (in the order given, among equals), or None."""
        row = self.connection.execute(
            f"WITH chosen AS (SELECT site, worker AS expired_worker "
            f"FROM site_leases WHERE {_DUE} AND {_FREE} "
            f"ORDER BY finished_at NULLS FIRST, array_position(%(sites)s, site) LIMIT 1 FOR UPDATE SKIP LOCKED) "
            f"UPDATE site_leases SET worker = %(worker)s, claimed_at = now(), "
            f"expires_at = now() + %(seconds)s * interval '1 second' "
            f"FROM chosen WHERE site_leases.site = chosen.site RETURNING site_leases.site, chosen.expired_worker",
            self._parameters(sites),
        ).fetchone()
        return Turn(*row) if row else None

    def renew(self, sites: Iterable[str]) -> set[str]:
        """Extends the leases on `sites`; the ones still held (a lease that expired may have been taken over)."""
        rows = self.connection.execute(
            "UPDATE site_leases SET expires_at = now() + %(seconds)s * interval '1 second' "
            "WHERE worker = %(worker)s AND site = ANY(%(sites)s) RETURNING site", self._parameters(sites))
        return {site for (site,) in rows}

    def release(self, site: str) -> None:
        """The site is done for this round."""
        self.connection.execute(
            "UPDATE site_leases SET worker = NULL, expires_at = NULL, finished_at = now(), finished_by = %(worker)s "
            "WHERE site = %(site)s AND worker = %(worker)s", {**self._parameters(), "site": site})

    def give_back(self) -> None:
        """Frees every lease of this worker, unfinished: a stopped run's sites are free at once, not at expiry."""
        self.connection.execute("UPDATE site_leases SET worker = NULL, expires_at = NULL WHERE worker = %(worker)s",
                                self._parameters())

    def held_elsewhere(self, sites: list[str]) -> bool:
        """Whether another worker holds a live lease on a site due to this one (it may yet expire)."""
        return self.connection.execute(
            f"SELECT EXISTS (SELECT 1 FROM site_leases WHERE {_DUE} AND NOT {_FREE})",
            self._parameters(sites)).fetchone()[0]

    def close(self) -> None:
        self.connection.close()


class AllSitesAtOnce:
    """A file store's run: one worker, so every site's turn is now."""

    async def turns(self, sites: list[str]) -> AsyncIterator[Turn]:
        for site in sites:
            yield Turn(site)

    def finished(self, site: str) -> None:
        pass


class LeasedSites:
    """A worker's sites from a server store: at most `at_once` leased at a time, each released when it is finished.

    Settings: NEWSCRAWL_WORKER (the worker's name in leases and run records, unique among the workers running at
    once; default HOST:PID),
    NEWSCRAWL_LEASE_SECONDS (a lease not renewed for this long expires; renewed every third of it),
    NEWSCRAWL_LEASED_SITES (sites crawled at once), NEWSCRAWL_SITE_FRESH_SECONDS (see the module's docstring)."""

    def __init__(self, crawler, leases: SiteLeases, at_once: int):
        self.crawler = crawler
        self.leases = leases
        self.at_once = at_once
        self.held: set[str] = set()
        self._changed = asyncio.Event()
        self._renewing: asyncio.Task | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler) -> "LeasedSites":
        settings = crawler.settings
        worker = settings.get("NEWSCRAWL_WORKER") or f"{socket.gethostname()}:{os.getpid()}"
        leases = SiteLeases(settings.get("NEWSCRAWL_STORE"), worker, settings.getfloat("NEWSCRAWL_LEASE_SECONDS"),
                            settings.getfloat("NEWSCRAWL_SITE_FRESH_SECONDS"))
        return cls(crawler, leases, settings.getint("NEWSCRAWL_LEASED_SITES"))

    @property
    def _tick(self) -> float:
        return self.leases.seconds / 3

    async def turns(self, sites: list[str]) -> AsyncIterator[Turn]:
        """Claims sites while fewer than `at_once` are held; ends once every due site is finished (by anyone)."""
        self.crawler.stats.set_value(WORKER_STAT, self.leases.worker)
        try:
            self.leases.register(sites)
            self._renewing = asyncio.ensure_future(self._keep_renewing())
            while True:
                while len(self.held) < self.at_once and (turn := self.leases.claim(sites)):
                    self.held.add(turn.site)
                    if turn.taken_from:
                        logger.warning("Took over %s from %s, whose lease expired", turn.site, turn.taken_from)
                        self._append_to_stat(LEASES_TAKEN_OVER_STAT, {"site": turn.site, "from_worker": turn.taken_from})
                    yield turn
                if not self.held and not self.leases.held_elsewhere(sites):
                    if not self.crawler.stats.get_value(SITES_STAT):
                        logger.info("No site to crawl: other workers crawled them all in the last %d seconds "
                                    "(NEWSCRAWL_SITE_FRESH_SECONDS)", self.leases.fresh_seconds)
                    return
                self._changed.clear()
                try:
                    # Woken by a finished site, or after a while to look for expired leases and others' ends.
                    await asyncio.wait_for(self._changed.wait(), self._tick if self.held else IDLE_POLL_SECONDS)
                except TimeoutError:
                    pass
        except psycopg.Error as error:
            raise CloseSpider(self._store_failed(error)) from error

    def finished(self, site: str) -> None:
        """The site's last request has ended: its articles are committed, then its lease released."""
        self.crawler.signals.send_catch_log(site_finished, site=site)
        if self.crawler.stats.get_value(STORE_FAILED_STAT):
            # Its last articles were not committed: the lease is given back unfinished when the run stops.
            return
        try:
            self.leases.release(site)
        except psycopg.Error as error:
            self._close_spider(self._store_failed(error))
        self.held.discard(site)
        self._changed.set()

    async def _keep_renewing(self) -> None:
        while True:
            await asyncio.sleep(self._tick)
            if not self.held:
                continue
            try:
                lost = self.held - self.leases.renew(self.held)
            except psycopg.Error as error:
                self._close_spider(self._store_failed(error))
                return
            for site in lost:
                # Not renewed in time (the process was stopped, the database slow): another worker may crawl it too.
                logger.error("The lease on %s expired before it could be renewed", site)

    def _store_failed(self, error: psycopg.Error) -> str:
        logger.error("The store cannot keep the site leases (%s): stopping the run", str(error).strip().splitlines()[0])
        self.crawler.stats.set_value(STORE_FAILED_STAT, f"{type(error).__name__}: {error}")
        return STORE_FAILED_REASON

    def _close_spider(self, reason: str) -> None:
        asyncio.get_running_loop().create_task(self.crawler.engine.close_spider_async(reason=reason))

    def _append_to_stat(self, name: str, value) -> None:
        self.crawler.stats.set_value(name, [*self.crawler.stats.get_value(name, []), value])

    def spider_closed(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
        try:
            self.leases.give_back()
            self.leases.close()
        except psycopg.Error as error:
            # The leases expire on their own.
            logger.debug("Could not give the leases back: %s", error)


def site_turns(crawler) -> AllSitesAtOnce | LeasedSites:
    """How the crawler's run takes its sites: leased from a server store, all at once otherwise."""
    if is_server_store(crawler.settings.get("NEWSCRAWL_STORE")):
        return LeasedSites.from_crawler(crawler)
    return AllSitesAtOnce()
