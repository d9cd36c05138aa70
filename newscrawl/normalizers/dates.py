"""Dates as Korean news sites print them -> ISO 8601 strings in Korea Standard Time.

Two paths: precompiled regexes for the forms these CMSs print (fast, exact), then dateparser as a
guarded fallback for anything else that names a full date with a four-digit year.
"""

import re
from datetime import date, datetime, time, timedelta, timezone

from dateparser.date import DateDataParser

from newscrawl.normalizers.text import clean_text

KST = timezone(timedelta(hours=9))

PUBLISHED = "published"
MODIFIED = "modified"
LABEL_KINDS = {
    "기사입력": PUBLISHED,
    "기사등록": PUBLISHED,
    "등록": PUBLISHED,
    "입력": PUBLISHED,
    "승인": PUBLISHED,
    "기사수정": MODIFIED,
    "최종수정": MODIFIED,
    "업데이트": MODIFIED,
    "수정": MODIFIED,
    # NDSoft's 2013–2019 skin: 'updated. 2024-03-29 09:09 (금)'.
    "updated.": MODIFIED,
}
# Longest label first so 기사수정 is not read as 기사 + 수정. Spaces may sit between syllables
# ('최종 수정'); an optional 일/일시 suffix ('등록일 :') is part of the label; the label must end
# at a word edge so '등록된 기사' is not a label.
DATE_LABEL_RE = re.compile(
    r"(?P<label>"
    + "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(LABEL_KINDS, key=len, reverse=True))
    + r")(?:일시|일)?(?![가-힣A-Za-z])\s*[:：]?\s*"
)

# Weekday in brackets after a date: '2025.3.8(토)'.
_WEEKDAY = r"(?:\s*\(\s*[월화수목금토일]\s*\))?"
# The same after the time, as NDSoft's older skin prints it: '2024-03-29 09:09 (금)'.
TRAILING_WEEKDAY_RE = re.compile(_WEEKDAY + r"\s*$")
# '2025-03-08', '2025.3.8.', '2025/03/08', '2025. 3. 8.': one separator used throughout.
NUMERIC_DATE_RE = re.compile(
    r"(?P<year>\d{4})\s*(?P<sep>[-./])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})(?:\s*\.)?"
    + _WEEKDAY
)
KOREAN_DATE_RE = re.compile(
    r"(?P<year>\d{4})\s*년\s*(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일" + _WEEKDAY
)
_MERIDIEM = r"(?:(?P<meridiem>오전|오후|(?i:am|pm))\s*)?"
CLOCK_TIME_RE = re.compile(
    _MERIDIEM + r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
)
KOREAN_TIME_RE = re.compile(
    _MERIDIEM
    + r"(?P<hour>\d{1,2})\s*시(?:\s*(?P<minute>\d{1,2})\s*분)?(?:\s*(?P<second>\d{1,2})\s*초)?"
)
TIME_RES = (CLOCK_TIME_RE, KOREAN_TIME_RE)
MERIDIEM_OFFSET_HOURS = {"오전": 0, "am": 0, "오후": 12, "pm": 12}
# Machine timestamps from meta tags, JSON-LD and <time datetime>.
ISO_DATETIME_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"
)

JUST_NOW_RE = re.compile(r"방금(?:\s*전)?")
RELATIVE_UNITS = {
    "초": timedelta(seconds=1),
    "분": timedelta(minutes=1),
    "시간": timedelta(hours=1),
    "일": timedelta(days=1),
    "주": timedelta(weeks=1),
}
# Months and years are left out on purpose: '3개월 전' is too coarse to be a timestamp.
_RELATIVE_AMOUNT = r"(\d+)\s*(" + "|".join(RELATIVE_UNITS) + r")"
RELATIVE_AMOUNT_RE = re.compile(_RELATIVE_AMOUNT)
TIME_AGO_RE = re.compile(r"(?:" + _RELATIVE_AMOUNT + r"\s*)+전")
DAYS_BEFORE_TODAY = {"오늘": 0, "어제": 1, "그저께": 2, "그제": 2}
RELATIVE_DAY_RE = re.compile(
    r"(?P<day>" + "|".join(sorted(DAYS_BEFORE_TODAY, key=len, reverse=True)) + r")\s*"
)

# The fallback only sees text that names a four-digit year and no numeric date whose year is
# two digits or comes last: '25.03.08' and '03/08/2025' can only be read by guessing.
FOUR_DIGIT_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
AMBIGUOUS_NUMERIC_DATE_RE = re.compile(r"(?<!\d)\d{1,2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{2,4}(?!\d)")
# English too, for RSS pubDate and meta tags ('Sat, 08 Mar 2025 11:54:06 GMT'). STRICT_PARSING
# refuses results missing a day, month or year, so dateparser never fills one in from today;
# relative forms never reach it, so it needs no RELATIVE_BASE and is built once.
FALLBACK_PARSER = DateDataParser(
    languages=["ko", "en"],
    settings={
        "TIMEZONE": "Asia/Seoul",
        "TO_TIMEZONE": "Asia/Seoul",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": True,
    },
)


def split_date_label(text: str) -> tuple[str | None, str]:
    """('published'|'modified'|None, text without the label). Labels: 등록, 입력, 승인, 기사입력,
    기사등록 -> 'published'; 수정, 업데이트, 최종수정, 기사수정, updated. -> 'modified'; with or without
    a colon (':' or '：'), with any spacing, optionally suffixed 일/일시 ('등록일'). No label ->
    (None, stripped text). Text is whitespace-normalised with clean_text either way."""
    cleaned = clean_text(text)
    label_match = DATE_LABEL_RE.match(cleaned)
    if not label_match:
        return None, cleaned
    label = "".join(label_match["label"].split())
    return LABEL_KINDS[label], cleaned[label_match.end() :]


def _crawl_time(now: datetime | None) -> datetime:
    """`now` in KST to the second; a naive `now` is taken as KST like every printed time."""
    if now is None:
        now = datetime.now(KST)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=KST)
    return now.astimezone(KST).replace(microsecond=0)


def _parse_time(text: str) -> time | None:
    """A printed time of day, or None when `text` is not one. Raises ValueError for an impossible
    time such as '24:61' or '오후 13시'."""
    for time_re in TIME_RES:
        time_match = time_re.fullmatch(text)
        if not time_match:
            continue
        hour = int(time_match["hour"])
        if time_match["meridiem"]:
            if hour > 12:
                raise ValueError(f"hour {hour} with a meridiem")
            # 오전 12시 is midnight and 오후 12시 is noon, hence the modulo.
            hour = hour % 12 + MERIDIEM_OFFSET_HOURS[time_match["meridiem"].lower()]
        return time(hour, int(time_match["minute"] or 0), int(time_match["second"] or 0))
    return None


def _on_day(day: date, rest: str) -> datetime | None:
    """`day` at the time printed in `rest`; midnight when nothing is printed, None when `rest` is
    not a time. A weekday in brackets may follow the time too: '2024-03-29 09:09 (금)'."""
    rest = TRAILING_WEEKDAY_RE.sub("", rest).strip()
    clock = _parse_time(rest) if rest else time()
    return datetime.combine(day, clock, KST) if clock else None


def _parse_fast(text: str, now: datetime) -> datetime | None:
    """The regex path. None when no known form matches; ValueError when one matches but names an
    impossible date or time, which the caller must not hand to the fallback."""
    if JUST_NOW_RE.fullmatch(text):
        return now
    if TIME_AGO_RE.fullmatch(text):
        amounts = RELATIVE_AMOUNT_RE.findall(text)
        elapsed = sum((int(amount) * RELATIVE_UNITS[unit] for amount, unit in amounts), timedelta())
        return now - elapsed
    if ISO_DATETIME_RE.fullmatch(text):
        parsed = datetime.fromisoformat(text)
        return parsed.replace(tzinfo=KST) if parsed.tzinfo is None else parsed
    relative_day = RELATIVE_DAY_RE.match(text)
    if relative_day:
        day = now.date() - timedelta(days=DAYS_BEFORE_TODAY[relative_day["day"]])
        return _on_day(day, text[relative_day.end() :])
    for date_re in (NUMERIC_DATE_RE, KOREAN_DATE_RE):
        date_match = date_re.match(text)
        if date_match:
            day = date(int(date_match["year"]), int(date_match["month"]), int(date_match["day"]))
            return _on_day(day, text[date_match.end() :])
    clock = _parse_time(text)
    if clock is None:
        return None
    # A time alone means the latest such moment not after the crawl: today, else yesterday.
    today_at = datetime.combine(now.date(), clock, KST)
    return today_at if today_at <= now else today_at - timedelta(days=1)


def _parse_with_dateparser(text: str) -> datetime | None:
    if not FOUR_DIGIT_YEAR_RE.search(text) or AMBIGUOUS_NUMERIC_DATE_RE.search(text):
        return None
    return FALLBACK_PARSER.get_date_data(text).date_obj


def parse_kst_datetime(text: str | None, now: datetime | None = None) -> str | None:
    """ISO 8601 string with explicit offset, always with seconds (':00' when the page printed
    none; '00:00:00' for a date alone), e.g. '2025-03-08T20:54:06+09:00'. Returns None when
    unparseable — never a guess.

    - A leading label (등록, 수정, ...) is ignored; use split_date_label to learn its kind.
    - Naive printed times are KST. A time with an offset ('...Z', '+00:00', 'GMT') is converted
      to the same instant in +09:00, so every value shares one offset and sorts as text.
    - `now` is the crawl time (aware; naive is taken as KST; default datetime.now(KST)).
      Relative forms resolve against it to the second: '방금' = now; '5분 전', '1시간 30분 전',
      '2일 전', '1주 전' = now minus that span; '오늘'/'어제'/'그제' = that calendar day at
      00:00:00, or at the time that follows ('어제 오후 3시'); a time alone ('오후 8:54') is
      today if that is not after `now`, else yesterday. Months and years ago are refused.
    - Refused: two-digit years ('25.03.08'), year-last numeric dates ('03/08/2025'), impossible
      values ('2025-02-30', '24:61', '오후 13시'), a date without a year, a label without a date.
    """
    _, bare = split_date_label(text or "")
    try:
        parsed = _parse_fast(bare, _crawl_time(now))
    except ValueError:
        # A known form with an impossible value is refused, never handed to dateparser to guess at.
        return None
    if parsed is None:
        parsed = _parse_with_dateparser(bare)
    return parsed.astimezone(KST).isoformat(timespec="seconds") if parsed else None


# Any fixed instant: printed_day only reads texts that name their own year, which no relative form does, so the
# crawl time a relative form would need is never used and no clock is read.
_NO_CLOCK = datetime(2000, 1, 1, tzinfo=KST)


def printed_day(text: str | None) -> date | None:
    """The calendar day (KST) an absolute printed time names: '2025.11.10 16:32', '2026-07-31 17:15:31' (naive,
    so KST), 'Sat, 08 Mar 2025 11:54:06 GMT' (converted to KST first), '2025-11-10T16:32:00+09:00'. None for
    relative forms, for anything without a four-digit year, and for whatever parse_kst_datetime refuses; pure."""
    if not text or not FOUR_DIGIT_YEAR_RE.search(text):
        return None
    parsed = parse_kst_datetime(text, now=_NO_CLOCK)
    return datetime.fromisoformat(parsed).date() if parsed else None
