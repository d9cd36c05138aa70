"""Project settings. Declarative only: values here, behaviour in the components they name."""

from newscrawl.items import ARTICLE_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# Politeness towards the live site: these are the defaults a crawl of someone else's server starts with.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Who to write to about this crawler; substituted into USER_AGENT's {contact}.
NEWSCRAWL_CONTACT = "newscrawl-maintainers@users.noreply.github.com"
USER_AGENT = "newscrawl/0.1 (Korean local news research crawler; +{contact})"
ADDONS = {"newscrawl.addons.ContactUserAgent": 0, "newscrawl.addons.PerSiteConcurrency": 0}

# A crawler run from cron takes no remote commands: Scrapy's telnet console and its remote-control HTTP server
# (which also leaves a job file in ~/.local/state/scrapy/job_files when a run is killed) stay off.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 30
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.BackoffRetryMiddleware": 550,
    "newscrawl.middlewares.SiteUserAgentMiddleware": 450,
    "newscrawl.middlewares.CharsetRepairMiddleware": 560,
    "newscrawl.middlewares.SiteStatsMiddleware": 860,
}
# Waits before retries 1, 2, 3...: base, 2×base, 4×base seconds, at most max.
NEWSCRAWL_RETRY_BACKOFF_BASE = 2.0
NEWSCRAWL_RETRY_BACKOFF_MAX = 60.0

ITEM_PIPELINES = {
    "newscrawl.pipelines.validation.SchemaValidationPipeline": 100,
    "newscrawl.pipelines.dedup.CanonicalUrlDedupPipeline": 200,
    "newscrawl.pipelines.store.StorePipeline": 300,
}
# A response yields at most one item, and every pipeline is synchronous, so processing a response's output
# concurrently gains nothing; Scrapy starts this many workers for every response (default 100), which cost a
# quarter of the crawl's time in a profile (`make bench`, the crawl rows).
CONCURRENT_ITEMS = 1
# Scrapy checks every callback for a generator that returns a value, by reading its source and parsing it, on every
# response: its cache is keyed by the bound method, which is new each time (measured: 7 % of a crawl's CPU time).
# The same check runs once over every callback of newscrawl's spiders in the test suite instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
# A full crawl keeps every request's fingerprint until it ends: ~25 bytes each here instead of ~120.
DUPEFILTER_CLASS = "newscrawl.dupefilters.CompactDupeFilter"
# Frees each parsed page when its callback is done, not at the next full garbage collection. 10 puts it on the
# engine's side of every other spider middleware, so it runs once all of a callback's output has been taken.
SPIDER_MIDDLEWARES = {"newscrawl.middlewares.ReleaseParsedPagesMiddleware": 10}

# Where items go: "sqlite:PATH" (default) or "jsonl:PATH".
NEWSCRAWL_STORE = "sqlite:data/seoul_news.sqlite"
# Workers sharing a server store (postgresql://...) divide its sites by lease (newscrawl.leases): the worker's name
# in the leases and run records (empty: HOST:PID), the seconds after which a lease that was not renewed expires and
# another worker may take the site over, and how many sites one worker crawls at once.
NEWSCRAWL_WORKER = ""
NEWSCRAWL_LEASE_SECONDS = 60
NEWSCRAWL_LEASED_SITES = 8
# A site some worker finished less than this long before a worker started is not crawled again by that worker:
# workers started this close together share one round. Keep it below the interval between scheduled runs.
NEWSCRAWL_SITE_FRESH_SECONDS = 300
# Articles written per transaction: a killed run loses at most the batch it had not committed.
NEWSCRAWL_BATCH_SIZE = 50
# Set by `scrapy crawl` when the previous run was killed, to what it knows of that run: incremental paging then walks
# every list page, and the run record says what it recovered from.
NEWSCRAWL_RECOVERING = {}
# The run's exit code is non-zero when more errors than this were logged.
NEWSCRAWL_MAX_ERRORS = 5
# Markup drift (newscrawl.drift; exit code 10): a site's share of articles having a field, having it from the
# site's markup rather than meta tags or a heuristic, or matching a known layout, compared with the same share over
# the site's last NEWSCRAWL_DRIFT_HISTORY_RUNS runs in the store, is a drift when it fell by at least
# NEWSCRAWL_DRIFT_MIN_DROP and a fall that large has a chance below NEWSCRAWL_DRIFT_SIGNIFICANCE. A site with no
# runs in the store yet must have each field of NEWSCRAWL_DRIFT_FIRST_RUN_MINIMUMS from its markup (or match a
# layout, for "layout") on at least that share of its articles.
NEWSCRAWL_DRIFT_HISTORY_RUNS = 10
NEWSCRAWL_DRIFT_MIN_DROP = 0.2
NEWSCRAWL_DRIFT_SIGNIFICANCE = 1e-4
NEWSCRAWL_DRIFT_FIRST_RUN_MINIMUMS = {"title": 1.0, "published_at": 1.0}
# With -a render_js=...: pages the browser renders at once, and the Chromium executable (empty: the environment
# variable NEWSCRAWL_CHROMIUM_PATH, then chromium, chromium-browser or google-chrome on PATH; see rendering.py).
NEWSCRAWL_RENDER_CONCURRENCY = 2
NEWSCRAWL_CHROMIUM_PATH = ""

# `scrapy crawl` here is newscrawl's own: it locks the store and computes the exit code from the run's stats.
COMMANDS_MODULE = "newscrawl.commands"
EXTENSIONS = {
    "newscrawl.extensions.FieldAuditExtension": 400,
    "newscrawl.extensions.RunRecordExtension": 500,
}

FEED_EXPORT_ENCODING = "utf-8"
# Feeds (-O) carry exactly the schema's fields, in its order; store-only fields stay in the store.
FEED_EXPORT_FIELDS = ARTICLE_FIELDS
LOG_LEVEL = "INFO"
