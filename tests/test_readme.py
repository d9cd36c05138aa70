"""What the README promises about exit codes is what the code has."""

import re

from newscrawl.runs import EXIT_CODE_MEANINGS
from tests.paths import REPOSITORY

TABLE_ROW_RE = re.compile(r"^\| (\d+) \| (.+) \|$", re.M)


def test_the_readme_exit_code_table_lists_every_exit_code_of_scrapy_crawl():
    readme = (REPOSITORY / "README.md").read_text("utf-8")
    section = readme.split("### Exit codes\n", 1)[1].split("\n### ", 1)[0]
    assert [int(code) for code, _ in TABLE_ROW_RE.findall(section)] == sorted(EXIT_CODE_MEANINGS)
