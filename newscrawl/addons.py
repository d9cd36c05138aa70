"""Scrapy add-ons: settings that depend on other settings, worked out once every setting is in place."""


class ContactUserAgent:
    """Puts NEWSCRAWL_CONTACT into the `{contact}` of USER_AGENT, so a site's operators know whom to write to.

    An add-on, because add-ons update the settings after `scrapy crawl` has merged the process's settings into the
    crawler's: a spider's `update_settings` runs before that merge, which put the project's USER_AGENT, `{contact}`
    and all, back over the substituted one.
    """

    def update_settings(self, settings):
        # Kept at the priority it came with, so a USER_AGENT given with -s still wins over the default.
        user_agent = settings["USER_AGENT"].replace("{contact}", settings["NEWSCRAWL_CONTACT"])
        settings.set("USER_AGENT", user_agent, priority=settings.getpriority("USER_AGENT"))


class PerSiteConcurrency:
    """Keeps CONCURRENT_REQUESTS_PER_DOMAIN a real limit on every host when DOWNLOAD_DELAY is 0.

    Scrapy 2.17-2.19 start a slot's queued downloads as asyncio tasks and count them against the slot's limit only
    once each task runs, so with no delay a slot starts its whole queue at once (measured on the sample family: 5
    requests in flight on one host at a limit of 1, 4 at a limit of 2). Any delay makes the slot start one download
    per turn of the event loop, which keeps the limit; a millisecond costs nothing a crawl can measure.
    """

    SMALLEST_DELAY = 0.001

    def update_settings(self, settings):
        if settings.getfloat("DOWNLOAD_DELAY") <= 0:
            settings.set("DOWNLOAD_DELAY", self.SMALLEST_DELAY, priority=settings.getpriority("DOWNLOAD_DELAY"))
