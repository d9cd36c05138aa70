import pytest

from newscrawl.normalizers.bylines import (
    EMAIL_RE,
    attach_profile_emails,
    split_trailing_signature,
    parse_byline,
    signature_byline,
    split_leading_credit,
)


def author(name, role=None, email=None):
    return {"name": name, "role": role, "email": email}


KIM = author("김태령", "기자")
PARK = author("박민수", "기자")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("김태령 기자", [KIM]),
        ("김태령기자", [KIM]),
        ("김태령 기자 (kim@site.co.kr)", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 kim@site.co.kr", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 <kim@site.co.kr>", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 [kim@site.co.kr]", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 (E-mail: kim@site.co.kr)", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 이메일 kim@site.co.kr", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 / kim@site.co.kr", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자, kim@site.co.kr", [author("김태령", "기자", "kim@site.co.kr")]),
        ("김태령 기자 kim.tr-1@mail.site.co.kr.", [author("김태령", "기자", "kim.tr-1@mail.site.co.kr")]),
        # several reporters share the role written once after them
        ("김태령·박민수 기자", [KIM, PARK]),
        ("김태령ㆍ박민수 기자", [KIM, PARK]),
        ("김태령 · 박민수 기자", [KIM, PARK]),
        ("김태령, 박민수 기자", [KIM, PARK]),
        ("김태령/박민수 기자", [KIM, PARK]),
        ("김태령·박민수·이영희 기자", [KIM, PARK, author("이영희", "기자")]),
        ("김태령 기자, 박민수 논설위원", [KIM, author("박민수", "논설위원")]),
        ("김태령 기자, 박민수", [KIM, author("박민수")]),
        ("편집국, 김태령 기자", [author("편집국"), KIM]),
        (
            "김태령 기자 kim@a.kr, 박민수 기자 park@a.kr",
            [author("김태령", "기자", "kim@a.kr"), author("박민수", "기자", "park@a.kr")],
        ),
        (
            "김태령 기자 kim@a.kr 박민수 기자 park@a.kr",
            [author("김태령", "기자", "kim@a.kr"), author("박민수", "기자", "park@a.kr")],
        ),
        (
            "김태령 기자(kim@a.kr)·박민수 기자(park@a.kr)",
            [author("김태령", "기자", "kim@a.kr"), author("박민수", "기자", "park@a.kr")],
        ),
        # credits with a site, dateline or agency
        ("[사이트명=김태령 기자]", [KIM]),
        ("[워크헤드라인 = 김태령 기자]", [KIM]),
        ("[에너지경제신문 김태령 기자]", [KIM]),
        ("[매체명=홍길동]", [author("홍길동")]),
        ("(서울=뉴스1) 김태령 기자 =", [KIM]),
        ("(서울=뉴스1) 김태령 기자", [KIM]),
        ("[서울=뉴스핌] 김태령·박민수 기자 =", [KIM, PARK]),
        ("【서울=뉴시스】김태령 기자 =", [KIM]),
        ("<김태령 기자>", [KIM]),
        # contribution prefixes
        ("글·사진 김태령 기자", [KIM]),
        ("글ㆍ사진 김태령 기자", [KIM]),
        ("사진·글 김태령 기자", [KIM]),
        ("글 김태령 기자", [KIM]),
        ("사진=김태령 기자", [KIM]),
        ("정리 김태령 기자", [KIM]),
        # roles other than 기자: the longest role wins
        ("김태령 선임기자", [author("김태령", "선임기자")]),
        ("김태령 수석기자", [author("김태령", "수석기자")]),
        ("김태령 객원기자", [author("김태령", "객원기자")]),
        ("김태령 사진기자", [author("김태령", "사진기자")]),
        ("김태령 논설위원", [author("김태령", "논설위원")]),
        ("김태령 편집위원", [author("김태령", "편집위원")]),
        ("김태령 칼럼니스트", [author("김태령", "칼럼니스트")]),
        ("김태령 편집장", [author("김태령", "편집장")]),
        ("김태령 편집국장", [author("김태령", "편집국장")]),
        ("김태령 특파원", [author("김태령", "특파원")]),
        ("John Smith 기자", [author("John Smith", "기자")]),
        # desks and bare names
        ("편집국", [author("편집국")]),
        ("온라인뉴스팀", [author("온라인뉴스팀")]),
        ("취재팀", [author("취재팀")]),
        ("디지털뉴스부", [author("디지털뉴스부")]),
        ("김태령", [author("김태령")]),
        ("편집국 news@site.co.kr", [author("편집국", None, "news@site.co.kr")]),
        # whitespace and leftovers
        ("김태령 기자 = ", [KIM]),
        ("김태령 기자=", [KIM]),
        ("김태령\xa0기자", [KIM]),
        ("\xa0김태령\xa0기자\xa0", [KIM]),
        ("김태령\u200b 기자", [KIM]),
        ("  김태령   기자  ", [KIM]),
        ("", []),
        (None, []),
        ("   ", []),
        ("\xa0\u200b", []),
        ("()", []),
    ],
)
def test_parse_byline(text, expected):
    assert parse_byline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[사이트명=김태령 기자] 본문 시작.", ("[사이트명=김태령 기자]", "본문 시작.")),
        ("[사이트명=김태령 기자]본문 시작.", ("[사이트명=김태령 기자]", "본문 시작.")),
        ("[워크헤드라인=김태령 기자] 경북도는 8일", ("[워크헤드라인=김태령 기자]", "경북도는 8일")),
        ("[에너지경제신문 김태령 기자] 본문", ("[에너지경제신문 김태령 기자]", "본문")),
        ("[김태령 기자] 본문", ("[김태령 기자]", "본문")),
        ("(서울=뉴스1) 김태령 기자 = 본문 시작.", ("(서울=뉴스1) 김태령 기자 =", "본문 시작.")),
        ("(서울=연합뉴스) 김태령 기자 = 본문", ("(서울=연합뉴스) 김태령 기자 =", "본문")),
        ("[서울=뉴스핌] 김태령·박민수 기자 = 본문", ("[서울=뉴스핌] 김태령·박민수 기자 =", "본문")),
        ("【서울=뉴시스】김태령 기자 = 본문", ("【서울=뉴시스】김태령 기자 =", "본문")),
        ("(대구=뉴스1) 김태령 선임기자 = 본문", ("(대구=뉴스1) 김태령 선임기자 =", "본문")),
        ("김태령 기자 = 본문", ("김태령 기자 =", "본문")),
        ("\xa0[사이트명=김태령\xa0기자]\xa0본문\n\n둘째 문단", ("[사이트명=김태령 기자]", "본문\n\n둘째 문단")),
        ("[사이트명=김태령 기자]", ("[사이트명=김태령 기자]", "")),
        # no credit: the text comes back unchanged
        ("본문에 [사이트명=김태령 기자] 가 있음", (None, "본문에 [사이트명=김태령 기자] 가 있음")),
        ("[2025 결산] 본문", (None, "[2025 결산] 본문")),
        ("[서울=뉴스핌] 본문", (None, "[서울=뉴스핌] 본문")),
        ("(사진) 본문", (None, "(사진) 본문")),
        ("김태령 기자가 전했다.", (None, "김태령 기자가 전했다.")),
        ("경북도는 8일 = 발표했다", (None, "경북도는 8일 = 발표했다")),
        ("", (None, "")),
    ],
)
def test_split_leading_credit(text, expected):
    assert split_leading_credit(text) == expected


@pytest.mark.parametrize(
    "text", ["[사이트명=김태령 기자] 본문", "(서울=뉴스1) 김태령 기자 = 본문", "[에너지경제신문 김태령 기자] 본문", "김태령 기자 = 본문"]
)
def test_a_leading_credit_parses_as_its_byline(text):
    credit, _ = split_leading_credit(text)
    assert parse_byline(credit) == [KIM]


KIM_MAILED = author("김태령", "기자", "kim@site.co.kr")


@pytest.mark.parametrize(
    ("authors", "body", "expected_authors", "expected_body"),
    [
        # a bare e-mail or a signature with the reporter's name ends the body: it moves to the author
        ([KIM], "첫 문단.\n\n마지막 문단.\n\nkim@site.co.kr", [KIM_MAILED], "첫 문단.\n\n마지막 문단."),
        ([KIM], "본문.\n\n김태령 기자 kim@site.co.kr", [KIM_MAILED], "본문."),
        ([KIM], "본문.\n\n(kim@site.co.kr)", [KIM_MAILED], "본문."),
        ([KIM], "본문.\n마지막 줄.\n<김태령 기자 kim@site.co.kr>", [KIM_MAILED], "본문.\n마지막 줄."),
        ([KIM], "kim@site.co.kr", [KIM_MAILED], ""),
        # the one author without an e-mail gets the one new address
        (
            [author("김태령", "기자", "kim@a.kr"), PARK],
            "본문.\n\n박민수 기자 park@a.kr",
            [author("김태령", "기자", "kim@a.kr"), author("박민수", "기자", "park@a.kr")],
            "본문.",
        ),
        # an author's own address signs too: it leaves the body, authors unchanged
        ([author("김태령", "기자", "kim@a.kr"), PARK], "본문.\n\nkim@a.kr", [author("김태령", "기자", "kim@a.kr"), PARK], "본문."),
        # unchanged: not the last line, nobody to attach to, ambiguous, or not a signature
        ([KIM], "본문.\n\nkim@site.co.kr\n\n마지막 문단.", [KIM], "본문.\n\nkim@site.co.kr\n\n마지막 문단."),
        ([author("김태령", "기자", "kim@a.kr")], "본문.\n\nother@a.kr", [author("김태령", "기자", "kim@a.kr")], "본문.\n\nother@a.kr"),
        ([KIM, PARK], "본문.\n\nkim@a.kr", [KIM, PARK], "본문.\n\nkim@a.kr"),
        ([], "본문.\n\nkim@a.kr", [], "본문.\n\nkim@a.kr"),
        ([KIM], "본문.\n\nkim@a.kr park@a.kr", [KIM], "본문.\n\nkim@a.kr park@a.kr"),
        ([KIM], "본문.\n\n문의: info@company.co.kr", [KIM], "본문.\n\n문의: info@company.co.kr"),
        ([KIM], "본문.\n\n박민수 기자 park@a.kr", [KIM], "본문.\n\n박민수 기자 park@a.kr"),
        ([KIM], "자세한 내용은 info@company.co.kr 로 문의하면 된다.", [KIM], "자세한 내용은 info@company.co.kr 로 문의하면 된다."),
        ([KIM], "본문에 이메일이 없다.", [KIM], "본문에 이메일이 없다."),
        ([KIM], "", [KIM], ""),
    ],
)
def test_split_trailing_signature(authors, body, expected_authors, expected_body):
    original = [dict(each) for each in authors]
    assert split_trailing_signature(authors, body) == (expected_authors, expected_body)
    assert authors == original


def test_split_trailing_signature_returns_new_dicts():
    authors = [author("김태령", "기자")]
    attached, _ = split_trailing_signature(authors, "본문.\n\nkim@a.kr")
    assert attached is not authors
    assert attached[0] is not authors[0]
    assert authors[0]["email"] is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The trailing line of NDSoft's table-layout bodies: names, role, e-mail and nothing else.
        ("홍길동 기자 hong@sample.kr", "홍길동 기자 hong@sample.kr"),
        ("  홍길동\xa0기자  hong@sample.kr ", "홍길동 기자 hong@sample.kr"),
        ("홍길동 기자 (hong@sample.kr)", "홍길동 기자 (hong@sample.kr)"),
        ("홍길동·박민수 기자 desk@sample.kr", "홍길동·박민수 기자 desk@sample.kr"),
        ("홍길동 선임기자 hong@sample.kr", "홍길동 선임기자 hong@sample.kr"),
        ("홍길동 기자", None),
        ("hong@sample.kr", None),
        ("문의: info@sample.kr", None),
        ("자세한 내용은 홍길동 기자 hong@sample.kr 로 문의하면 된다.", None),
        ("<저작권자 © 샘플뉴스, 무단 전재 및 재배포 금지>", None),
        ("", None),
        (None, None),
    ],
)
def test_signature_byline(line, expected):
    assert signature_byline(line) == expected
    if expected:
        assert any(found["email"] for found in parse_byline(expected))


@pytest.mark.parametrize(
    ("authors", "emails", "expected"),
    [
        ([KIM], {"김태령": "kim@a.kr"}, [author("김태령", "기자", "kim@a.kr")]),
        ([author("김태령", "기자", "own@a.kr")], {"김태령": "kim@a.kr"}, [author("김태령", "기자", "own@a.kr")]),
        ([KIM, PARK], {"박민수": "park@a.kr"}, [KIM, author("박민수", "기자", "park@a.kr")]),
        ([KIM], {}, [KIM]),
        ([KIM], {"홍길동": "hong@a.kr"}, [KIM]),
    ],
)
def test_attach_profile_emails(authors, emails, expected):
    assert attach_profile_emails(authors, emails) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kim@site.co.kr", ["kim@site.co.kr"]),
        ("김태령 기자(kim.tr_1+news@mail.site.co.kr)", ["kim.tr_1+news@mail.site.co.kr"]),
        ("끝. kim@a.kr.", ["kim@a.kr"]),
        ("kim@a.kr, park@b.com", ["kim@a.kr", "park@b.com"]),
        ("kim@localhost", []),
        ("@site.co.kr", []),
        ("김태령 기자", []),
    ],
)
def test_email_re(text, expected):
    assert EMAIL_RE.findall(text) == expected
