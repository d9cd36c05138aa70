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
