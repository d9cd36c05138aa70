"""Where the tests find the shared reference folder: ../shared beside the repository, where CI puts it."""

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"


def shared_file(relative_path: str) -> Path:
    """A file of the shared folder; when it is missing, the test that needs it fails saying where it was looked for."""
    path = SHARED / relative_path
    if not path.is_file():
        pytest.fail(f"{path} is missing: the tests need the shared reference folder at ../shared beside the repository")
    return path
