"""Duplicate filtering that holds what a run has seen in ~25 bytes an entry instead of ~120.

A full crawl keeps one entry per request (Scrapy's duplicate filter) and one per article (the dedup pipeline)
until it ends, so what an entry costs is how much the crawl's memory grows with the site.
"""

from array import array
from collections.abc import Iterator
from hashlib import blake2b
from pathlib import Path
from typing import BinaryIO

import scrapy
from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter

# Slots of a new FingerprintSet; it doubles whenever more than half of them are taken.
INITIAL_SLOTS = 1024
EMPTY = 0


def url_key(url: str) -> bytes:
    """An 8-byte digest of a URL: what a run keeps of each URL it has seen (in a FingerprintSet), ~25 bytes where
    the URL itself in a set takes ~150."""
    return blake2b(url.encode(), digest_size=8).digest()


def _key(digest: bytes) -> int:
    # 0 marks an empty slot, so a digest starting with 8 zero bytes is kept as 1.
    return int.from_bytes(digest[:8], "little") or 1


class FingerprintSet:
    """A set of hash digests (bytes), each kept as the 64-bit number its first 8 bytes make, in one flat array
    (open addressing, linear probing): 16 to 32 bytes a digest, where a set of bytes objects takes ~110.

    Digests that share their first 8 bytes count as one; among a million random digests, the chance that any
    two do is about 3 in 100 million.
    """

    def __init__(self):
        self._slots = array("Q", [EMPTY]) * INITIAL_SLOTS
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, digest: bytes) -> bool:
        key = _key(digest)
        return self._slots[self._slot(key)] == key

    def add(self, digest: bytes) -> None:
        key = _key(digest)
        slot = self._slot(key)
        if self._slots[slot] == EMPTY:
            self._slots[slot] = key
            self._count += 1
            if 2 * self._count > len(self._slots):
                self._grow()

    def update(self, digests) -> None:
        for digest in digests:
            self.add(digest)

    def _slot(self, key: int) -> int:
        """The slot holding `key`, or the empty one where it goes."""
        slots = self._slots
        mask = len(slots) - 1
        slot = key & mask
        while slots[slot] != EMPTY and slots[slot] != key:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        keys = self._slots
        self._slots = array("Q", [EMPTY]) * (2 * len(keys))
        for key in keys:
            if key != EMPTY:
                self._slots[self._slot(key)] = key


# A JOBDIR's requests.seen is written as the installed Scrapy's RFPDupeFilter writes it, so that a paused job resumes
# with either filter: up to Scrapy 2.18 each fingerprint is a line of hex; since 2.19, its length (2 bytes, big-endian)
# and then its bytes. Scrapy calls the file an implementation detail: tests/test_dupefilters.py checks that the two
# filters still read each other's.
LENGTH_PREFIXED_FINGERPRINTS = scrapy.version_info >= (2, 19)
LENGTH_BYTES = 2


def fingerprint_record(fingerprint: bytes) -> bytes:
    """A fingerprint as requests.seen holds it."""
    if LENGTH_PREFIXED_FINGERPRINTS:
        return len(fingerprint).to_bytes(LENGTH_BYTES, "big") + fingerprint
    return fingerprint.hex().encode("ascii") + b"\n"


def read_fingerprints(seen: BinaryIO) -> Iterator[bytes]:
    """The fingerprints in a requests.seen, without a last one that an unclean shutdown cut short."""
    if LENGTH_PREFIXED_FINGERPRINTS:
        while len(length := seen.read(LENGTH_BYTES)) == LENGTH_BYTES:
            size = int.from_bytes(length, "big")
            fingerprint = seen.read(size)
            if len(fingerprint) < size:
                return
            yield fingerprint
    else:
        for line in seen:
            if line.endswith(b"\n"):
                yield bytes.fromhex(line.decode("ascii"))


class CompactDupeFilter(RFPDupeFilter):
    """Scrapy's RFPDupeFilter (DUPEFILTER_CLASS), holding the request fingerprints in a FingerprintSet.

    It keeps RFPDupeFilter's logging of duplicates and closing of requests.seen, and does the seeing itself, so
    RFPDupeFilter's own set stays empty. A JOBDIR's requests.seen keeps Scrapy's format, whole fingerprints.
    """

    def __init__(self, path: str | None = None, debug: bool = False, *, fingerprinter=None):
        # RFPDupeFilter is given no path: it would read a JOBDIR's fingerprints into a set of its own.
        super().__init__(None, debug, fingerprinter=fingerprinter)
        self.seen_fingerprints = FingerprintSet()
        if path:
            seen_path = Path(path, "requests.seen")
            # Unbuffered: each fingerprint is in the file once it is seen, so a killed crawl loses none (scrapy#6019).
            self.file = seen_path.open("ab", buffering=0)
            with seen_path.open("rb") as seen_file:
                self.seen_fingerprints.update(read_fingerprints(seen_file))

    def request_seen(self, request: Request) -> bool:
        fingerprint = self.fingerprinter.fingerprint(request)
        if fingerprint in self.seen_fingerprints:
            return True
        self.seen_fingerprints.add(fingerprint)
        if self.file:
            self.file.write(fingerprint_record(fingerprint))
        return False
