"""Every snapshot (newscrawl.snapshots) still parses into its expected item: one test per snapshot under
tests/snapshots, or under the folder the NEWSCRAWL_SNAPSHOTS environment variable names (a user's own).

A failure lists the fields that differ. When the change is wanted, `scrapy snapshot --update` rewrites the
expected items and shows the diff.
"""

import os
from pathlib import Path

import pytest

from newscrawl import snapshots

FOLDER = Path(os.environ.get(snapshots.SNAPSHOTS_ENV) or Path(__file__).parent / "snapshots")
if not FOLDER.is_dir():
    pytest.fail(f"there is no snapshot folder {FOLDER} (named by {snapshots.SNAPSHOTS_ENV})"
                if os.environ.get(snapshots.SNAPSHOTS_ENV) else f"there is no snapshot folder {FOLDER}", pytrace=False)
PATHS = snapshots.find(FOLDER)


@pytest.mark.parametrize("path", PATHS, ids=[snapshots.snapshot_id(path, FOLDER) for path in PATHS])
def test_snapshot_parses_into_its_expected_item(path: Path):
    try:
        snapshot = snapshots.load(path)
    except snapshots.SnapshotError as error:
        pytest.fail(str(error), pytrace=False)
    differences = snapshots.check(snapshot)
    if differences:
        pytest.fail(f"{snapshots.snapshot_id(path, FOLDER)}: {len(differences)} field(s) differ from the expected item "
                    f"(scrapy snapshot --update rewrites it when the change is wanted):\n  " + "\n  ".join(differences),
                    pytrace=False)
