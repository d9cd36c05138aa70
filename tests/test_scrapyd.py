"""End to end: the project deployed to a real scrapyd with scrapyd-deploy, and two workers started as its jobs with
the documented `schedule.json` call, filling one PostgreSQL store (README "Workers as scrapyd jobs")."""

from newscrawl.demo import LOCAL_SITE_SETTINGS
from tests.scrapyd_server import ScrapydServer
from tests.worker_family import assert_one_worker_at_a_time, family, stored_once  # noqa: F401


def schedule(scrapyd: ScrapydServer, sites_path, store_url: str, worker: str) -> str:
    settings = (*LOCAL_SITE_SETTINGS, f"NEWSCRAWL_STORE={store_url}", f"NEWSCRAWL_WORKER={worker}",
                f"NEWSCRAWL_CONTACT={worker}", "NEWSCRAWL_LEASED_SITES=1")
    answer = scrapyd.call("schedule.json", post=[("project", "newscrawl"), ("spider", "cms_news"),
                                                 ("sites", str(sites_path)), *(("setting", value) for value in settings)])
    assert answer["status"] == "ok", answer
    return answer["jobid"]


def test_two_scrapyd_jobs_fill_one_store_with_every_article_once_each_site_crawled_by_one_of_them(family, postgres_url):
    sites, sites_path, log = family
    with ScrapydServer() as scrapyd:
        deployed = scrapyd.deploy()
        assert deployed.returncode == 0, deployed.stderr
        # The host has newscrawl's dependencies, not newscrawl: the spiders come from the egg, found by its entry point.
        listed = scrapyd.call("listspiders.json", project="newscrawl")
        assert listed.get("spiders") == ["cms_news", "seoul_news"], listed
        jobs = [schedule(scrapyd, sites_path, postgres_url, worker) for worker in ("worker-1", "worker-2")]
        assert scrapyd.wait_for_jobs(jobs) == {job: "Process finished:" for job in jobs}
        logs = [scrapyd.job_log("newscrawl", "cms_news", job) for job in jobs]
    for job_log in logs:
        assert "Traceback" not in job_log
        assert " ERROR: " not in job_log, job_log
    runs = stored_once(postgres_url, sites)
    assert sorted((run["worker"], run["exit_code"]) for run in runs) == [("worker-1", 0), ("worker-2", 0)]
    spans = assert_one_worker_at_a_time(log)
    assert set(spans) == {site.host for site in sites}
    assert all(len(by_worker) == 1 for by_worker in spans.values()), spans
