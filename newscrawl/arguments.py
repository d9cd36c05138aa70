"""Spider arguments (`-a name=value`), declared once each: how the text is read, and what it accepts.

`scrapy crawl` checks them before it takes the store's lock (newscrawl.commands.crawl), and the spider reads them
with the same declarations, so a typo or a bad value ends in one line that names the argument, never in a
traceback, and never in a crawl that silently ignored it.
"""

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

# Arguments that scrapyd adds to every job it starts; they are Scrapy's, not the spider's.
SCRAPYD_ARGUMENTS = frozenset({"_job"})


class ArgumentError(ValueError):
    """A spider argument with an unknown name or a value it does not accept."""


@dataclass(frozen=True)
class Argument:
    name: str
    # Reads the text given on the command line; raises ValueError when it is not one of the `accepts`.
    read: Callable[[str], object]
    # What the argument accepts, as the error message and the README say it.
    accepts: str
    default: object = None
    required: bool = False


def read_arguments(declared: Iterable[Argument], given: Mapping[str, object]) -> dict[str, object]:
    """name -> value of every declared argument (its default when not given). ArgumentError for a name that is not
    declared, or a value that its declaration does not accept."""
    by_name = {argument.name: argument for argument in declared}
    for name in given:
        if name not in by_name and name not in SCRAPYD_ARGUMENTS:
            close = difflib.get_close_matches(name, by_name, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise ArgumentError(f"unknown argument -a {name}: {hint}the arguments are {', '.join(by_name)}")
    values = {}
    for name, argument in by_name.items():
        if name not in given or given[name] is None:
            if argument.required:
                raise ArgumentError(f"missing argument -a {name}: expected {argument.accepts}")
            values[name] = argument.default
            continue
        text = str(given[name])
        try:
            values[name] = argument.read(text)
        except ArgumentError as error:
            # The reader said what was wrong itself (a sites file's line, a site name it does not know).
            raise ArgumentError(f"bad argument -a {name}={text}: {error}") from None
        except ValueError:
            raise ArgumentError(f"bad argument -a {name}={text}: expected {argument.accepts}") from None
    return values


def whole_number(minimum: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        number = int(text.strip())
        if number < minimum:
            raise ValueError(f"{number} < {minimum}")
        return number

    return read


def one_of(*choices: str) -> Callable[[str], str]:
    def read(text: str) -> str:
        if text not in choices:
            raise ValueError(text)
        return text

    return read


def iso_date(text: str) -> date:
    return date.fromisoformat(text.strip())


def http_url(text: str) -> str:
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(text)
    return text.strip()


def comma_list(read_one: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
    """Comma-separated values, each read by `read_one`; at least one."""

    def read(text: str) -> tuple[str, ...]:
        values = tuple(read_one(value.strip()) for value in text.split(",") if value.strip())
        if not values:
            raise ValueError(text)
        return values

    return read
