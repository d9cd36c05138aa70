"""Bylines ('김태령 기자 kim@site.co.kr', '[매체명=홍길동 기자]', ...) -> structured authors."""

import re

from newscrawl.normalizers.text import clean_text

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

ROLES = (
    "기자", "선임기자", "수석기자", "전문기자", "객원기자", "인턴기자", "사진기자", "영상기자",
    "논설위원", "편집위원", "전문위원", "칼럼니스트", "편집장", "편집국장", "특파원", "통신원",
)
# Longest first so '선임기자' is one role, not a name ending in 선임 plus 기자.
_ROLE = "(?:" + "|".join(sorted(ROLES, key=len, reverse=True)) + ")"
NAME_AND_ROLE_RE = re.compile(r"(?P<name>.+?)\s*(?P<role>" + _ROLE + r")")
# A desk gets no role from the reporter named after it ('편집국, 김태령 기자').
DESK_NAME_RE = re.compile(r"(?:편집국|보도국|편집부|취재부|뉴스부|취재팀|뉴스팀|기획팀|데스크)$")

_MIDDLE_DOTS = "·ㆍ・∙"
_OPEN = r"[\[【(（]"
_CLOSE = r"[\]】)）]"
_INSIDE = r"[^\]】)）\n]"
# Reporters are joined with a middle dot (in any of its Unicode forms), a comma or a slash.
AUTHOR_SEPARATOR_RE = re.compile(rf"\s*[,/{_MIDDLE_DOTS}]\s*")
# '글·사진 김태령 기자', '사진=김태령 기자': what the person did, not part of the name.
CONTRIBUTION_PREFIX_RE = re.compile(
    rf"(?:글\s*[,/{_MIDDLE_DOTS}]\s*사진|사진\s*[,/{_MIDDLE_DOTS}]\s*글|글|사진|취재|정리)(?:\s*[:=]\s*|\s+)"
)
# Brackets, '=' and e-mail labels around names and addresses.
BYLINE_NOISE_RE = re.compile(r"(?i:e-?mail|이메일)\s*[:：]?|[()\[\]<>{}【】（）=:：|]")
# '[서울=뉴스1]', '(서울=뉴스1)', '【서울=뉴시스】': a dateline and agency before the byline.
AGENCY_BRACKET_RE = re.compile(
    rf"{_OPEN}[^\]】)）=\n]{{1,20}}=(?P<inside>{_INSIDE}{{1,40}}){_CLOSE}\s*"
)

# The name part of a credit that opens a teaser or body: Korean names joined like a byline.
_CREDIT = rf"(?P<credit>[가-힣]{{2,5}}(?:\s*[,{_MIDDLE_DOTS}]\s*[가-힣]{{2,5}})*\s*{_ROLE})"
# Tried in order; each captures the credit:
LEADING_CREDIT_RES = (
    # '[사이트명=김태령 기자]', '[에너지경제신문 김태령 기자]', '[김태령 기자]'
    re.compile(rf"{_OPEN}(?:{_INSIDE}{{0,40}}?[=\s])?\s*{_CREDIT}\s*{_CLOSE}\s*"),
    # '(서울=뉴스1) 김태령 기자 =', '[서울=뉴스핌] 김태령 기자 ='
    re.compile(rf"{_OPEN}{_INSIDE}{{1,40}}{_CLOSE}\s*{_CREDIT}\s*=\s*"),
    # '김태령 기자 = '
    re.compile(rf"{_CREDIT}\s*=\s*"),
)

def _leading_credit(text: str) -> re.Match | None:
    opening = text.lstrip()
    return next(filter(None, (credit_re.match(opening) for credit_re in LEADING_CREDIT_RES)), None)


def split_leading_credit(text: str) -> tuple[str | None, str]:
    """A teaser/body that starts with '[사이트명=김태령 기자]' or '(서울=뉴스1) 김태령 기자 =' ->
    (the credit as printed, whitespace cleaned; rest stripped). No credit -> (None, text).
    parse_byline reads the credit it returns."""
    credit_match = _leading_credit(text)
    if not credit_match:
        return None, text
    return clean_text(credit_match[0]), text.lstrip()[credit_match.end() :].strip()


def _byline_core(text: str) -> str:
    """The byline without the dateline/agency bracket and contribution prefix around it."""
    credit_match = _leading_credit(text)
    if credit_match:
        return clean_text(credit_match["credit"])
    agency_match = AGENCY_BRACKET_RE.match(text)
    if agency_match:
        # '[매체명=홍길동]' is the whole byline; '(서울=뉴스1) 홍길동 기자' has it after the bracket.
        text = text[agency_match.end() :] or agency_match["inside"]
    prefix_match = CONTRIBUTION_PREFIX_RE.match(text)
    return text[prefix_match.end() :] if prefix_match else text


def _words_around_emails(text: str) -> str:
    """`text` without its e-mails, brackets and e-mail labels."""
    return clean_text(BYLINE_NOISE_RE.sub(" ", EMAIL_RE.sub(" ", text)))


def _author(piece: str) -> dict | None:
    """One author from one separated piece of a byline; None when the piece names nobody."""
    email_match = EMAIL_RE.search(piece)
    rest = _words_around_emails(piece)
    name_and_role = NAME_AND_ROLE_RE.fullmatch(rest)
    name, role = (name_and_role["name"], name_and_role["role"]) if name_and_role else (rest, None)
    if not any(char.isalnum() for char in name):
        return None
    return {"name": name, "role": role, "email": email_match[0] if email_match else None}


def parse_byline(text: str | None) -> list[dict]:
    """[{'name': str, 'role': str|None, 'email': str|None}] in byline order. Names keep no role,
    bracket, agency, '글·사진' prefix or e-mail. Names listed before one role share it
    ('김태령·박민수 기자'); a piece that is only an e-mail belongs to the author before it."""
    cleaned = clean_text(text)
    if not cleaned:
        return []
    # An e-mail ends its author's part even without a separator ('김 기자 k@a.kr 박 기자 p@a.kr').
    core = EMAIL_RE.sub(r"\g<0>,", _byline_core(cleaned))
    authors: list[dict] = []
    for piece in AUTHOR_SEPARATOR_RE.split(core):
        author = _author(piece)
        if author:
            authors.append(author)
            continue
        email_match = EMAIL_RE.search(piece)
        if email_match and authors and authors[-1]["email"] is None:
            authors[-1]["email"] = email_match[0]
    shared_role = None
    for author in reversed(authors):
        if author["role"]:
            shared_role = author["role"]
        elif not DESK_NAME_RE.search(author["name"]):
            author["role"] = shared_role
    return authors


def _signature_emails(line: str, name: str) -> list[str]:
    """E-mails on a reporter's signature line: one with nothing else, or with the reporter's name
    ('김태령 기자 kim@site.co.kr'). A press-release contact ('문의: info@...') is not one."""
    emails = EMAIL_RE.findall(line)
    rest = _words_around_emails(line)
    return emails if emails and (not rest or name in rest) else []


def split_trailing_signature(authors: list[dict], body: str) -> tuple[list[dict], str]:
    """A body whose last line is a reporter's signature (see _signature_emails) -> (authors with its e-mail
    attached, body without that line): the e-mail belongs to the byline, not to the text.

    The signature is one e-mail that is already an author's, or that goes to the one author without an e-mail.
    Anything else (two addresses, a contact line, another reporter's name) stays in the body, authors unchanged."""
    lines = (body or "").rstrip().split("\n")
    known_emails = {author["email"] for author in authors if author.get("email")}
    without_email = [author for author in authors if not author.get("email")]
    # The address must sign for someone: an author who already has it, else the one author without an e-mail.
    names = [author["name"] for author in authors if author.get("email")] + [author["name"] for author in without_email]
    emails = next(filter(None, (_signature_emails(lines[-1], name) for name in names)), [])
    if len(emails) != 1:
        return authors, body
    (email,) = emails
    rest = "\n".join(lines[:-1]).rstrip()
    if email in known_emails:
        return authors, rest
    if len(without_email) != 1:
        return authors, body
    return [{**author, "email": email} if author is without_email[0] else dict(author) for author in authors], rest


# A signature line is reporters' names and role with their e-mails and nothing else.
SIGNATURE_NAMES_RE = re.compile(_CREDIT)


def signature_byline(line: str | None) -> str | None:
    """The line, whitespace cleaned, when it is nothing but a reporter's signature as a body ends with it:
    '홍길동 기자 hong@site.kr', '홍길동·박민수 기자 (desk@site.kr)'; None for a sentence, a contact line
    ('문의: info@...') or a name without an e-mail. parse_byline reads the line it returns."""
    cleaned = clean_text(line)
    if not EMAIL_RE.search(cleaned) or not SIGNATURE_NAMES_RE.fullmatch(_words_around_emails(cleaned)):
        return None
    return cleaned


def attach_profile_emails(authors: list[dict], emails_by_name: dict[str, str]) -> list[dict]:
    """Authors with the e-mail a reporter profile box gives their name, where the byline gave none."""
    if not emails_by_name:
        return authors
    return [
        {**author, "email": emails_by_name[author["name"]]}
        if not author.get("email") and author["name"] in emails_by_name else author
        for author in authors
    ]
