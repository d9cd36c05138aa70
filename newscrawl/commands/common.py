"""What the commands that read a store (`scrapy export`, `scrapy search`, `scrapy report`) share: their option types,
reading the store named by `--store` or NEWSCRAWL_STORE with the same messages and exit codes, and an output file
that appears only once it is whole.

No ScrapyCommand here: Scrapy would make every command class of this package a command.
"""

import argparse
import signal
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from scrapy.exceptions import UsageError

from newscrawl.exports import Selection, parse_kst_date
from newscrawl.runs import EXIT_STORE_DAMAGED
from newscrawl.stores import STORE_ERRORS, StoreUnusable, check_store_spec, is_damage, open_store, parse_store_spec, store_exists

STDOUT = "-"
# The exit code of a store that is not there or cannot be read (EXIT_STORE_DAMAGED for one damaged or too new).
EXIT_NOT_READABLE = 1


class StoreNotReadable(Exception):
    """The store cannot be read; `exitcode` is the command's exit code, the message its one line."""

    def __init__(self, message: str, exitcode: int = EXIT_NOT_READABLE):
        super().__init__(message)
        self.exitcode = exitcode


def argument_type(parse):
    """An argparse type from a parser that raises ValueError, keeping its message."""

    def parse_argument(text: str):
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse_argument


def add_selection_options(group: argparse._ArgumentGroup, *, bounded: str = "articles published",
                          section: bool = True) -> None:
    """--since, --until, --section (unless `section` is False), --site and --store; `bounded` says what the dates
    bound."""
    group.add_argument("--since", type=argument_type(parse_kst_date), metavar="YYYY-MM-DD",
                       help=f"{bounded} on this KST day or later; leaves out undated articles")
    group.add_argument("--until", type=argument_type(parse_kst_date), metavar="YYYY-MM-DD",
                       help=f"{bounded} on this KST day or earlier; leaves out undated articles")
    if section:
        group.add_argument("--section", metavar="NAME", help="one section, by the name the site shows, e.g. 사회")
    group.add_argument("--site", metavar="HOST", help="one site, e.g. workheadline.co.kr")
    group.add_argument("--store", metavar="KIND:PATH",
                       help="the store to read, KIND:PATH or postgresql://... (default the NEWSCRAWL_STORE setting)")


def selection_of(opts: argparse.Namespace) -> Selection:
    """The Selection add_selection_options' options name; a UsageError when --since is after --until."""
    if opts.since and opts.until and opts.since > opts.until:
        raise UsageError(f"--since {opts.since} is after --until {opts.until}")
    return Selection(opts.since, opts.until, getattr(opts, "section", None), opts.site)


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def open_store_to_read(store_spec: str):
    """The open store `store_spec` names. A spec newscrawl does not know is a UsageError (exit code 2); a store
    that is not there or cannot be opened StoreNotReadable (1), one damaged or of a newer schema StoreNotReadable
    with EXIT_STORE_DAMAGED (9)."""
    try:
        check_store_spec(store_spec)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if not store_exists(store_spec):
        raise StoreNotReadable(f"there is no store at {parse_store_spec(store_spec)[1]}")
    try:
        return open_store(store_spec)
    except StoreUnusable as unusable:
        raise StoreNotReadable(f"{unusable}; nothing was written", EXIT_STORE_DAMAGED) from None
    except STORE_ERRORS as error:
        raise StoreNotReadable(f"cannot read the store {store_spec}: {error}") from None


@contextmanager
def reading_store(store_spec: str):
    """The open store `store_spec` names (see open_store_to_read), closed at the end. A SQLite file found damaged
    while it is read is StoreNotReadable with EXIT_STORE_DAMAGED, as one damaged when it is opened."""
    store = open_store_to_read(store_spec)
    try:
        yield store
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        raise StoreNotReadable(f"{parse_store_spec(store_spec)[1]} is damaged ({error}); nothing was written",
                               EXIT_STORE_DAMAGED) from None
    finally:
        store.close()


@contextmanager
def output(path: str) -> Iterator[BinaryIO]:
    """Standard output, or the file at `path`, which appears only once it is whole."""
    if path == STDOUT:
        # As Unix tools do, end quietly when the reader goes away (`| head`): the default SIGPIPE action ends the
        # process at the next write, where Python would raise BrokenPipeError and print a traceback.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("wb") as stream:
            yield stream
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
