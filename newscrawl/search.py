"""Korean full-text search over the stored articles: what a match is, the SQLite store's index text, snippets.

A match is an article whose title or body contains the query as a substring, both NFC-normalised (Hangul typed or
pasted on macOS arrives decomposed, NFD). Every length counts: `시`, `시장`, `무더위쉼터`, a phrase with spaces.

The SQLite store keeps one FTS5 index, `search_grams`, written in the same transaction as the article. Its tokens
are not the article's words but its characters: every distinct character (a unigram) and every distinct pair of
neighbouring characters (a bigram) of the NFC text, spaces and punctuation included. FTS5's `ascii` tokenizer takes
any run of non-ASCII characters as one token and folds nothing in it, so ASCII characters are indexed by non-ASCII
stand-ins and every gram is one token, exactly as written. A 1-character query is one unigram token and a
2-character query one bigram token, both exact by construction; a longer query asks for every bigram it holds (in
any order), and each such candidate is confirmed by an exact substring check on the NFC text. The index keeps no
positions (`detail=none`): no query needs them, and it is then a fraction of the size. Beside it, `search_docs`
holds each indexed article's site, number, date and section, so that filtering and ordering the candidates reads
that small table, and only the articles shown are read from `articles`.
Why not the stock tokenizers: `trigram` finds nothing for 1-2 character terms, and SQLite 3.40 (Debian 12) returns
no rows for LIKE against a trigram index; `unicode61` splits on words, so `시장` is not found inside `서울시장은`.
"""

import re
import unicodedata
from dataclasses import dataclass

# Characters either side of the hit in a terminal snippet.
SNIPPET_CONTEXT = 40
HIT_MARKS = ("«", "»")


class SearchQueryError(ValueError):
    """A query that cannot be searched for (empty once normalised)."""


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def normalize_query(query: str) -> str:
    """The query as it is searched for: NFC, with its surrounding whitespace dropped."""
    normalized = nfc(query).strip()
    if not normalized:
        raise SearchQueryError("the query is empty; give a word or phrase, e.g. 시장")
    return normalized


def contains(title: str | None, body: str | None, query: str) -> bool:
    """Whether the NFC title or body holds `query` (already NFC) as a substring."""
    return query in nfc(title) or query in nfc(body)


# The `ascii` tokenizer takes every non-ASCII character as part of a token and splits on or folds ASCII ones, so each
# ASCII character is indexed as a character of the Private Use Area instead (U+E000 + its code; in the Basic
# Multilingual Plane, so Python keeps the text at two bytes a character, which halves the time to make the grams).
ASCII_STAND_IN = 0xE000
_STAND_INS = str.maketrans({code: chr(ASCII_STAND_IN + code) for code in range(128)})


def _indexed(text: str | None) -> str:
    return nfc(text).translate(_STAND_INS)


def gram_text(text: str | None) -> str:
    """The index text of one field: its distinct characters and distinct pairs of neighbouring characters, as
    space-separated tokens, ASCII characters by their stand-ins. Their order does not matter: the index keeps
    no positions, so the same set of tokens deletes the entry they made."""
    indexed = _indexed(text)
    grams = set(indexed)
    grams.update(map(str.__add__, indexed, indexed[1:]))
    return " ".join(grams)


def match_expression(query: str) -> str:
    """The FTS5 MATCH expression over gram_text for an NFC query: its one character, or every distinct pair in it."""
    indexed = _indexed(query)
    grams = [indexed] if len(indexed) == 1 else sorted(set(map(str.__add__, indexed, indexed[1:])))
    # Quoted: no ASCII is left in a gram, so no quote inside one, and no gram is read as an FTS5 keyword.
    return " AND ".join(f'"{gram}"' for gram in grams)


def needs_confirmation(query: str) -> bool:
    """Whether the index's candidates for `query` must be checked against the text. A 1- or 2-character query's
    token is the substring itself; a longer one's pairs may lie apart. A query with ASCII or a stand-in is checked
    too: a text holding the stand-in characters themselves (private-use characters, rare in news) shares their
    tokens. A query without either shares its tokens with no other text."""
    return len(query) > 2 or any(ord(character) < 128 or ASCII_STAND_IN <= ord(character) < ASCII_STAND_IN + 128
                                 for character in query)


@dataclass(frozen=True)
class Snippet:
    before: str
    hit: str
    after: str
    field: str  # "body" or "title"

    def marked(self, marks: tuple[str, str] = HIT_MARKS) -> str:
        return f"{self.before}{marks[0]}{self.hit}{marks[1]}{self.after}"


def snippet(article: dict, query: str, context: int = SNIPPET_CONTEXT) -> Snippet | None:
    """The first hit of `query` (NFC) in the body, else in the title, with `context` characters either side, on
    one line; None when neither holds it."""
    for field in ("body", "title"):
        text = nfc(article.get(field))
        at = text.find(query)
        if at < 0:
            continue
        start, end = max(0, at - context), at + len(query) + context
        before = ("…" if start else "") + text[start:at]
        after = text[at + len(query):end] + ("…" if end < len(text) else "")
        return Snippet(_one_line(before), text[at:at + len(query)], _one_line(after), field)
    return None


_WHITESPACE_RE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _WHITESPACE_RE.sub(" ", text)
