"""Benchmark section: `scrapy export` of large generated SQLite stores, its time and its peak memory.

Each export runs as the real command in a child process, and the figure is that process's peak RSS (its own
VmHWM, which it reports at exit; newscrawl.bench.measured says why not ru_maxrss): what the machine really gave it. Stores of 10,000 and 100,000 articles show whether memory grows with
the store; `scrapy export --help` gives the interpreter and Scrapy's own share. Each whole-store export of a
format (jsonl, csv, the BigKinds xlsx, Parquet) also gets an articles/s row and its CPU row: articles over the
command's wall time, and its CPU time (user + system, interpreter start-up included) per article.
"""

import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from newscrawl.bench.common import CPU_MS_PER_PAGE, Row
from newscrawl.bench.measured import ChildRun, run_measured
from newscrawl.demo import scrapy_environment
from newscrawl.normalizers.dates import KST
from newscrawl.stores import SqliteStore

STORE_SIZES = (10_000, 100_000)
# The formats whose whole-store exports get a rate row, with the suffix each is written to.
RATE_FORMATS = {"jsonl": "jsonl", "csv": "csv", "bigkinds": "xlsx", "parquet": "parquet"}
SECTIONS = ("사회", "경제", "정치", "문화", "교육", "환경")
SENTENCES = (
    "서울시는 오늘 시청에서 새로운 정책을 발표했다.",
    "시민들은 \"생활이 나아지길 바란다\"고 말했다.",
    "관계자는 예산, 인력, 일정을 다시 검토하겠다고 밝혔다.",
    "이번 조치는 다음 달부터 25개 자치구에서 시행된다.",
    "전문가들은 장기적인 효과를 지켜봐야 한다고 지적했다.",
)
# About 900 characters a body, near the sample site's longer articles.
PARAGRAPHS_PER_BODY = 6
SENTENCES_PER_PARAGRAPH = 5
FIRST_PUBLISHED = datetime(2020, 1, 1, 6, 0, tzinfo=KST)


def generated_article(number: int) -> dict:
    """A schema-valid article, the same for the same number; one every 13 minutes from 2020 on."""
    published = (FIRST_PUBLISHED + timedelta(minutes=13 * number)).isoformat()
    paragraphs = (
        " ".join(SENTENCES[(number + paragraph + sentence) % len(SENTENCES)] for sentence in range(SENTENCES_PER_PARAGRAPH))
        for paragraph in range(PARAGRAPHS_PER_BODY)
    )
    return {
        "url": f"https://www.workheadline.co.kr/news/view.php?idx={number}",
        "site": "workheadline.co.kr",
        "article_id": str(number),
        "section": SECTIONS[number % len(SECTIONS)],
        "section_code": None,
        "title": f"서울시, 새 정책 발표 ({number}번째 기사)",
        "subtitles": ["시민 의견 수렴", "다음 달 시행"],
        "authors": [{"name": "김태령", "role": "기자", "email": None}],
        "byline_raw": "김태령 기자",
        "published_at": published,
        "published_raw": f"등록 {published[:19].replace('T', ' ')}",
        "modified_at": None,
        "modified_raw": None,
        "body": "\n\n".join(paragraphs),
        "images": [{"url": f"https://www.workheadline.co.kr/data/photos/{number}.jpg", "caption": "발표하는 모습"}],
        "tags": [],
        "prev_url": None,
        "next_url": None,
        "content_hash": f"{number:064x}",
        "crawled_at": "2026-11-27T12:00:00+00:00",
    }


def build_store(path: Path, count: int) -> None:
    store = SqliteStore(path, batch_size=10_000)
    for number in range(1, count + 1):
        store.save(generated_article(number))
        if store.batch.is_full():
            store.commit()
    store.close()


def run_export(*args: str) -> ChildRun:
    """One `scrapy export` run in a child process, measured."""
    with tempfile.TemporaryFile() as stderr:
        child = run_measured([sys.executable, "-m", "scrapy", "export", *args], env=scrapy_environment(),
                             stdout=subprocess.DEVNULL, stderr=stderr)
        if child.returncode != 0:
            stderr.seek(0)
            raise RuntimeError(f"scrapy export {' '.join(args)} exited {child.returncode}: {stderr.read().decode()}")
    return child


def bench_exports() -> list[Row]:
    startup = run_export("--help")
    rows: list[Row] = [("export: scrapy export --help, peak RSS (the baseline)", startup.peak_rss_bytes / 2**20, "MiB")]
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as workdir:
        for count in STORE_SIZES:
            store_path = Path(workdir) / f"{count}.sqlite"
            build_store(store_path, count)
            store = f"sqlite:{store_path}"
            runs = [(f"{export_format}, {count:,} articles", (f"--format={export_format}",)) for export_format in RATE_FORMATS]
            # One revisions lookup per article, whether or not it was edited: that lookup is the cost shown.
            runs.append((f"jsonl --include-revisions, {count:,} articles", ("--format=jsonl", "--include-revisions")))
            runs.append((f"jsonl, one section of {count:,}", ("--format=jsonl", f"--section={SECTIONS[0]}")))
            runs.append((f"atom, latest 50 of {count:,}", ("--format=atom",)))
            for name, options in runs:
                export_format = options[0].removeprefix("--format=")
                output = Path(workdir) / f"export.{RATE_FORMATS.get(export_format, 'out')}"
                child = run_export("--store", store, "-o", str(output), *options)
                output.unlink()
                rows += [(f"export: {name}", child.wall_seconds, "s"),
                         (f"export: {name}, peak RSS", child.peak_rss_bytes / 2**20, "MiB")]
                if len(options) == 1 and export_format in RATE_FORMATS:
                    rows += [(f"export: {name}, rate", count / child.wall_seconds, "articles/s"),
                             (f"export: {name}, rate, CPU", 1000 * child.cpu_seconds / count, CPU_MS_PER_PAGE)]
            store_path.unlink()
    return rows
