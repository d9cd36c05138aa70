import pytest

from newscrawl import sample_site
from tests.crawling import Gate
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401  (fixtures)


@pytest.fixture
def article() -> dict:
    """A valid article as the spider emits it."""
    return {
        "url": "https://www.workheadline.co.kr/news/view.php?idx=828",
        "site": "workheadline.co.kr",
        "article_id": "828",
        "section": "사회",
        "section_code": "m71w8xw",
        "title": "오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 아시아 AI 허브로 도약”",
        "subtitles": ["오 시장, AI 산업 종사자·청년들과 현장 소통"],
        "authors": [{"name": "김태령", "role": "기자", "email": None}],
        "byline_raw": "김태령 기자",
        "published_at": "2025-03-08T20:54:06+09:00",
        "published_raw": "등록 2025-03-08 20:54:06",
        "modified_at": None,
        "modified_raw": None,
        "body": "첫 문단.\n\n둘째 문단.",
        "images": [{"url": "https://www.workheadline.co.kr/data/photos/a.jpg", "caption": "악수를 하고 있다"}],
        "tags": [],
        "prev_url": "https://www.workheadline.co.kr/news/view.php?idx=827",
        "next_url": None,
        "content_hash": "0" * 64,
        "crawled_at": "2026-11-27T12:00:00+00:00",
    }


@pytest.fixture
def site():
    """A sample site on 127.0.0.1 for one test; requests a Gate still holds are let go when it stops."""
    running = sample_site.start()
    yield running
    for hook in running.app.hooks:
        if isinstance(hook, Gate):
            hook.open()
    running.stop()
