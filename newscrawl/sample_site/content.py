"""The sample site's articles as data: what the pages print and what a correct crawler must extract.

Everything here is deterministic (no randomness, no clock): the same list on every import.

Ground-truth conventions (the crawler's normalisers implement the same rules):

* Text is cleaned with `clean_text`: NBSP -> space, zero-width characters removed, runs of spaces collapsed,
  stripped.  `<br>` lines inside one paragraph are kept as separate lines joined by '\\n'.
* `expected_body` = the expected paragraphs joined by one blank line ('\\n\\n').  It never contains photo
  captions, buttons, scripts, styles, the copyright line or the leading `[워크헤드라인=홍길동 기자]` credit.
  A reporter's signature paragraph at the end of the body ('김태령 기자 kim@workheadline.co.kr') IS kept.
* Times are Korea Standard Time: `published_at` / `modified_at` are ISO 8601 with seconds and '+09:00'.
* `images[].url` is a path on the site ('/data/photos/...'); the absolute URL is base_url + path (the pages use
  relative `src` values such as '../data/...' or '../../../../data/...', which resolve to that path).
* `prev_idx` is the previous (older) article of the same section, `next_idx` the next (newer) one.
  Articles with `listed=False` are on no list page, home box or side box: only prev/next links reach them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

SITE_NAME = "워크헤드라인"
EMAIL_DOMAIN = "workheadline.co.kr"
PAGE_SIZE = 10
REFERENCE_IDX = 828
COPYRIGHT_LINE = "저작권자 © 워크헤드라인 무단전재 및 재배포 금지"


# --------------------------------------------------------------------------------------------------------------
# Cleaning rule shared by the ground truth (and mirrored by the crawler's text normaliser).

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_RUN_RE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def clean_text(text: str) -> str:
    """NBSP -> space, zero-width removed, space runs collapsed, stripped; each '\\n' line cleaned on its own."""
    lines = []
    for line in text.split("\n"):
        line = _ZERO_WIDTH_RE.sub("", line.replace("\u00a0", " "))
        lines.append(_SPACE_RUN_RE.sub(" ", line).strip())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Section:
    name: str
    mcode: str


@dataclass(frozen=True)
class SampleArticle:
    idx: int
    section: str
    mcode: str
    skin: str  # 'new' | 'old'
    title: str  # expected, clean
    title_raw: str  # as printed (may hold zero-width/NBSP/double spaces); HTML-escaped on output
    subtitles: list[str]
    byline_raw: str | None  # expected byline_raw: the byline text as printed
    authors: list[dict]  # expected: [{'name', 'role', 'email'}]
    published_raw: str  # as printed: '등록 2025-03-08 20:54:06' (new skin) / '기사등록 2025-03-08 20:54:06' (old)
    published_at: str  # '2025-03-08T20:54:06+09:00'
    modified_raw: str | None  # '수정 ...' (new) / '기사수정 ...' (old) or None
    modified_at: str | None
    paragraphs: list[str]  # expected body paragraphs (clean); '\n' inside = <br> lines
    raw_paragraphs: list[str]  # the same paragraphs as printed (before cleaning), without credit/copyright
    images: list[dict]  # expected: [{'url': '/data/photos/...', 'caption': str | None}] in page order
    listed: bool
    prev_idx: int | None
    next_idx: int | None
    credit: str | None = None  # '[워크헤드라인=홍길동 기자]' printed at the start of the body (not in expected body)
    copyright: bool = False  # the copyright line is printed at the end of the body (not in expected body)
    # The reporter's signature paragraph printed at the end of the body ('김태령 기자 kim@...'): its e-mail is the
    # author's, and it is not in the expected body.
    signature: str | None = None
    youtube_id: str | None = None
    features: frozenset = field(default_factory=frozenset)  # rendering switches / variation tags (see VARIATIONS)
    position: int = 0  # publication order over the whole site (0 = oldest)

    # ---- derived values -----------------------------------------------------------------------------------
    @property
    def expected_body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @staticmethod
    def path_of(idx: int) -> str:
        """Canonical path of article `idx` on the site."""
        return f"/news/view.php?idx={idx}"

    @property
    def path(self) -> str:
        """Canonical path of the article on the site."""
        return self.path_of(self.idx)

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path

    @property
    def published_date(self) -> str:
        return self.published_at[:10]

    @property
    def published_time_text(self) -> str:
        return self.published_at[:19].replace("T", " ")

    @property
    def modified_time_text(self) -> str | None:
        return self.modified_at[:19].replace("T", " ") if self.modified_at else None

    @property
    def teaser(self) -> str:
        """The teaser shown on list pages (starts with the credit when the body does)."""
        text = "".join(p.replace("\n", " ") for p in self.paragraphs)
        if self.credit:
            text = f"{self.credit} {text}"
        return text[:90] + "..." if len(text) > 90 else text

    def expected_images(self, base_url: str) -> list[dict]:
        base = base_url.rstrip("/")
        return [{"url": base + image["url"], "caption": image["caption"]} for image in self.images]

    def expected(self, base_url: str) -> dict:
        """The fields a correct crawler emits for this article when it crawls the sample site at `base_url`
        (`site`, `tags`, `content_hash` and `crawled_at` are left out: they do not depend on the page)."""
        base = base_url.rstrip("/")
        return {
            "url": self.url(base),
            "article_id": str(self.idx),
            "section": self.section,
            "section_code": self.mcode,
            "title": self.title,
            "subtitles": list(self.subtitles),
            "authors": [dict(author) for author in self.authors],
            "byline_raw": self.byline_raw,
            "published_at": self.published_at,
            "published_raw": self.published_raw,
            "modified_at": self.modified_at,
            "modified_raw": self.modified_raw,
            "body": self.expected_body,
            "images": self.expected_images(base),
            "prev_url": base + self.path_of(self.prev_idx) if self.prev_idx else None,
            "next_url": base + self.path_of(self.next_idx) if self.next_idx else None,
        }


# --------------------------------------------------------------------------------------------------------------
# Site data: sections + articles, with the queries the pages need.  A synthetic mode can build another SiteData.


class SiteData:
    def __init__(self, sections: list[Section], articles: list[SampleArticle], deleted_idx: tuple[int, ...] = ()):
        self.sections = list(sections)
        self.articles = sorted(articles, key=lambda a: a.idx)
        self.by_idx = {a.idx: a for a in self.articles}
        self.by_mcode = {s.mcode: s for s in self.sections}
        self.deleted_idx = tuple(deleted_idx)

    def get(self, idx: int) -> SampleArticle | None:
        return self.by_idx.get(idx)

    def section(self, mcode: str) -> Section | None:
        return self.by_mcode.get(mcode)

    def listed(self, mcode: str | None = None) -> list[SampleArticle]:
        """Listed articles, newest first; all sections when mcode is None."""
        chosen = [a for a in self.articles if a.listed and (mcode is None or a.mcode == mcode)]
        return sorted(chosen, key=lambda a: (a.published_at, a.idx), reverse=True)

    def page_count(self, mcode: str | None = None) -> int:
        return max(1, -(-len(self.listed(mcode)) // PAGE_SIZE))

    def list_page(self, mcode: str | None, page: int) -> list[SampleArticle]:
        """Page `page` (1-based) of a section list; [] past the last page."""
        if page < 1:
            page = 1
        return self.listed(mcode)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]

    def unlisted(self) -> list[SampleArticle]:
        return [a for a in self.articles if not a.listed]

    def latest(self, count: int, exclude: int | None = None) -> list[SampleArticle]:
        return [a for a in self.listed() if a.idx != exclude][:count]

    def most_read(self, count: int, exclude: int | None = None) -> list[SampleArticle]:
        ranked = sorted(self.listed(), key=lambda a: ((a.idx * 37) % 101, a.idx))
        return [a for a in ranked if a.idx != exclude][:count]

    def search(self, keyword: str) -> list[SampleArticle]:
        keyword = keyword.strip()
        if not keyword:
            return []
        return [a for a in self.listed() if keyword in a.title or keyword in a.expected_body]


# --------------------------------------------------------------------------------------------------------------
# Sections, people, text pools

SECTIONS = [
    Section("사회", "m71w8xw"),
    Section("경제", "m2k4p9a"),
    Section("문화", "m5q7r3z"),
    Section("오피니언", "m8op3n"),
]
_SECTION_BY_NAME = {s.name: s for s in SECTIONS}

# Publication order over the whole site cycles through this pattern (84 articles = 12 cycles).
_PATTERN = ("사회", "경제", "문화", "사회", "오피니언", "경제", "문화")
_TOTAL = 84
_REFERENCE_POSITION = 28  # the reference article's place in publication order (a 사회 slot)

# Per section: how many of the OLDEST articles are not on any list page, and how many of the NEWEST.
_UNLISTED_OLDEST = {"사회": 3, "경제": 2, "문화": 2, "오피니언": 0}
_UNLISTED_NEWEST = {"사회": 0, "경제": 1, "문화": 0, "오피니언": 0}

_HANDLES = {
    "김태령": "kim", "박민수": "park", "홍길동": "hong", "이서연": "lee", "정우진": "jung", "최지훈": "choi",
    "한가람": "han", "윤서진": "yoon", "오세린": "oh", "최영호": "choiyh", "한승우": "hansw", "정다은": "jde",
    "문재석": "moon", "이정민": "ljm",
}
_REPORTERS = {
    "사회": ("김태령", "이서연", "정우진"),
    "경제": ("박민수", "최지훈", "한가람"),
    "문화": ("윤서진", "오세린", "이서연"),
}
# 오피니언 bylines by topic number: (name, role); role None = a desk.
_OPINION_BYLINES = (
    ("최영호", "논설위원"), ("한승우", "칼럼니스트"), ("편집국", None), ("문재석", "편집장"),
    ("최영호", "논설위원"), ("한승우", "칼럼니스트"), ("정다은", "객원기자"), ("편집국", None),
)

_DISTRICTS = ("강동구", "수원시", "마포구", "성남시", "노원구", "용인시", "송파구", "고양시", "은평구", "안양시",
              "관악구", "부천시")

# Each topic: title, lead, three detail sentences, a quote (ends in 다), two sub-headlines.
# Placeholders: {d} district, {g} 구/시, {head} 구청장/시장, {n} 10-99, {s} 3-9, {m} a coming month, {day} day.
_TOPICS = {
    "사회": (
        dict(title="{d}, 폭염 대비 무더위쉼터 {n}곳 운영… 야간 개방도 확대",
             lead="{d}는 여름철 폭염에 대비해 경로당과 주민센터 등 {n}곳을 무더위쉼터로 지정해 운영한다고 {day}일 밝혔다.",
             details=("쉼터에는 냉방기와 생수, 응급 구급함이 비치되며 폭염특보가 내려지면 운영 시간을 밤 9시까지 연장한다.",
                      "{g}는 쉼터 위치를 누리집과 모바일 지도에 공개하고, 거동이 불편한 어르신을 위해 방문 건강관리 인력도 배치했다.",
                      "아울러 ▴무더위쉼터 안내 문자 발송 ▴취약계층 안부 전화 ▴그늘막 추가 설치 등 대책을 병행한다."),
             quote="주민 누구나 가까운 곳에서 더위를 피할 수 있도록 쉼터 운영에 빈틈이 없도록 하겠다",
             subs=("경로당·주민센터 등 {n}곳 지정… 폭염특보 땐 밤 9시까지", "취약계층 안부 전화·그늘막 추가 설치 병행")),
        dict(title="{d}, 어르신 AI 돌봄 로봇 보급 시범사업 착수",
             lead="{d}는 홀로 사는 어르신 {n}명에게 인공지능(AI) 돌봄 로봇을 보급하는 시범사업을 시작한다고 {day}일 밝혔다.",
             details=("돌봄 로봇은 복약 시간을 알려주고 말벗 기능을 제공하며, 일정 시간 움직임이 감지되지 않으면 담당 사회복지사에게 알림을 보낸다.",
                      "{g}는 동 주민센터 추천과 방문 상담을 거쳐 대상자를 선정했으며, 6개월간 효과를 분석해 확대 여부를 결정한다.",
                      "로봇 사용법 교육은 자원봉사자가 가정을 직접 찾아가 진행한다."),
             quote="기술이 어르신의 외로움을 덜고 위급 상황에 더 빨리 대응하는 데 도움이 되길 바란다",
             subs=("홀몸 어르신 {n}명에 AI 돌봄 로봇 보급", "6개월 효과 분석 뒤 확대 여부 결정")),
        dict(title="{d}, 스쿨존 불법 주정차 집중 단속… 과태료 3배",
             lead="{d}는 새 학기를 맞아 관내 어린이보호구역 {n}곳에서 불법 주정차 집중 단속을 벌인다고 {day}일 밝혔다.",
             details=("단속은 등하교 시간대인 오전 8시부터 9시, 오후 1시부터 4시 사이에 집중적으로 이뤄진다.",
                      "어린이보호구역 내 불법 주정차 과태료는 일반 도로의 3배 수준인 12만 원(승용차 기준)이다.",
                      "{g}는 주민신고제 안내 현수막을 내걸고 녹색어머니회와 함께 캠페인도 진행한다."),
             quote="아이들의 안전한 통학길을 지키는 일에는 예외가 있을 수 없다",
             subs=("등하교 시간대 집중 단속", "녹색어머니회와 안전 캠페인도")),
        dict(title="{d}, 1인 가구 고독사 예방 ‘안부 확인’ 서비스 시작",
             lead="{d}는 중장년 1인 가구의 고독사를 예방하기 위해 ‘안부 확인’ 서비스를 시작한다고 {day}일 밝혔다.",
             details=("서비스에 가입하면 매주 두 차례 인공지능 전화가 안부를 묻고, 응답이 없으면 동 주민센터 담당자가 직접 방문한다.",
                      "올해 목표 가입자는 {n}0명으로, {g}는 통장과 이웃 주민의 추천을 받아 위기가구를 적극 발굴할 예정이다.",
                      "전기·수도 사용량 변화를 감지하는 스마트 플러그도 희망 가구에 무료로 설치한다."),
             quote="이웃의 작은 관심이 한 사람의 생명을 지킬 수 있다",
             subs=("AI 전화가 주 2회 안부 확인… 무응답 땐 방문", "스마트 플러그 무료 설치")),
        dict(title="{d}, 전세사기 피해 상담센터 개소… 법률 상담 무료",
             lead="{d}는 {d}청 1층 민원실에 전세사기 피해 상담센터를 열었다고 {day}일 밝혔다.",
             details=("센터에는 변호사와 법무사, 공인중개사가 요일별로 상주하며 계약서 검토와 법률 상담을 무료로 제공한다.",
                      "피해 임차인에게는 긴급 주거 지원과 저금리 대출 연계 등 정부 지원 제도도 안내한다.",
                      "상담은 평일 오전 9시부터 오후 6시까지이며, 전화 예약 후 방문하면 대기 없이 받을 수 있다."),
             quote="피해 주민이 혼자 고민하지 않도록 끝까지 함께하겠다",
             subs=("변호사·법무사·공인중개사 요일별 상주", "긴급 주거 지원·저금리 대출 연계 안내")),
        dict(title="{d}, 외국인 주민 위한 {s}개 언어 생활 안내서 발간",
             lead="{d}는 외국인 주민의 정착을 돕기 위해 영어·중국어·베트남어 등 {s}개 언어로 된 생활 안내서를 발간했다고 {day}일 밝혔다.",
             details=("안내서에는 전입신고와 건강보험, 쓰레기 배출 방법, 자녀 학교 입학 절차 등 생활에 꼭 필요한 정보가 담겼다.",
                      "책자는 동 주민센터와 외국인주민지원센터에서 무료로 받을 수 있고, 누리집에서 전자책으로도 내려받을 수 있다.",
                      "{g}는 하반기에 통역 상담 창구도 늘릴 계획이다."),
             quote="외국인 주민도 같은 이웃으로서 불편 없이 생활할 수 있도록 돕겠다",
             subs=("전입신고·건강보험·쓰레기 배출법 담아", "하반기 통역 상담 창구 확대")),
        dict(title="{d}, 한파 대비 취약계층 {n}0세대 긴급 지원",
             lead="{d}는 한파에 대비해 저소득 가구 {n}0세대에 난방비와 방한용품을 지원한다고 {day}일 밝혔다.",
             details=("지원 대상은 기초생활수급자와 차상위계층 가운데 홀몸 어르신과 장애인 가구를 우선으로 선정했다.",
                      "가구당 난방비 10만 원과 함께 전기매트, 내복, 방한 커튼 등이 전달된다.",
                      "한파특보가 발령되면 ▴방문 간호사 안부 확인 ▴한파쉼터 연장 운영 ▴노숙인 순찰 강화 등 비상 대응 체계를 가동한다."),
             quote="추위에 취약한 이웃이 건강하게 겨울을 날 수 있도록 세심히 살피겠다",
             subs=("가구당 난방비 10만 원·방한용품 전달", "한파특보 땐 비상 대응 체계 가동")),
        dict(title="{d}, 청소년 마음건강 상담 프로그램 운영",
             lead="{d}는 관내 중·고등학생을 대상으로 마음건강 상담 프로그램을 운영한다고 {day}일 밝혔다.",
             details=("프로그램은 전문 상담사와의 1대1 상담, 또래 집단 상담, 보호자 교육 등으로 구성된다.",
                      "참여를 원하는 학생은 학교 상담실이나 청소년상담복지센터를 통해 신청하면 된다.",
                      "상담 내용은 철저히 비밀이 보장되며 비용은 전액 {g}가 부담한다."),
             quote="청소년들이 힘들 때 언제든 기댈 수 있는 곳이 있다는 것을 알았으면 한다",
             subs=("1대1 상담·또래 집단 상담·보호자 교육", "비밀 보장… 비용 전액 지원")),
    ),
    "경제": (
        dict(title="{d} 전통시장에 야시장 열린다… 먹거리·버스킹 ‘풍성’",
             lead="{d}는 오는 {m}월부터 관내 전통시장 {s}곳에서 야시장을 차례로 연다고 {day}일 밝혔다.",
             details=("야시장에는 먹거리 판매대와 플리마켓, 버스킹 공연 등이 마련돼 저녁 시간 방문객을 맞는다.",
                      "{g}는 시장별로 특색 있는 메뉴를 개발하고 결제 편의를 위해 지역화폐 결제 부스도 운영한다.",
                      "행사 기간 ▴경품 추첨 ▴장보기 할인 쿠폰 ▴주차장 무료 개방 등 다양한 혜택이 제공된다."),
             quote="야시장이 전통시장의 새로운 활력소가 될 것으로 기대한다",
             subs=("전통시장 {s}곳서 차례로 개장", "지역화폐 결제 부스·할인 쿠폰 운영")),
        dict(title="{d}, 소상공인 특례보증 {n}억 원 지원… 이자 2%p 보전",
             lead="{d}는 자금난을 겪는 소상공인을 돕기 위해 {n}억 원 규모의 특례보증을 지원한다고 {day}일 밝혔다.",
             details=("업체당 최대 5천만 원까지 보증을 받을 수 있으며, {g}가 2년간 대출 이자 가운데 2%포인트를 지원한다.",
                      "신청 자격은 관내에 사업자 등록을 하고 6개월 이상 영업한 소상공인이다.",
                      "신청은 지역신용보증재단 지점이나 모바일 앱으로 할 수 있다."),
             quote="고금리로 어려움을 겪는 소상공인에게 실질적인 도움이 되길 바란다",
             subs=("업체당 최대 5천만 원 보증", "2년간 대출 이자 2%p 지원")),
        dict(title="{d} 지역화폐 할인율 10%로 확대… 발행액 {n}억 원",
             lead="{d}는 이달부터 지역화폐 할인율을 기존 7%에서 10%로 높이고 발행액을 {n}억 원으로 늘린다고 {day}일 밝혔다.",
             details=("1인당 월 구매 한도는 50만 원이며, 모바일 앱과 카드형으로 구매할 수 있다.",
                      "{g}는 가맹점 확대를 위해 전통시장과 골목상권 점포를 대상으로 가입 설명회를 열 예정이다.",
                      "지역화폐는 대형마트와 백화점, 유흥업소 등에서는 사용할 수 없다."),
             quote="소비가 지역 안에서 돌도록 해 골목상권 회복을 앞당기겠다",
             subs=("1인당 월 구매 한도 50만 원", "골목상권 가맹점 확대 설명회")),
        dict(title="{d}, 청년 창업 공간 ‘스타트업 라운지’ 문 열어",
             lead="{d}는 청년 창업가를 위한 공유 업무 공간 ‘스타트업 라운지’를 열었다고 {day}일 밝혔다.",
             details=("라운지에는 개인 좌석 {n}석과 회의실, 촬영 스튜디오가 갖춰져 있으며 입주 기업은 최대 2년간 무료로 사용할 수 있다.",
                      "입주 기업에는 세무·법률 자문과 투자 유치 설명회 참가 기회도 제공된다.",
                      "{g}는 오는 {m}월 2기 입주 기업을 공개 모집할 계획이다."),
             quote="청년들의 아이디어가 지역 경제의 성장 동력이 되도록 뒷받침하겠다",
             subs=("개인 좌석 {n}석·촬영 스튜디오 갖춰", "입주 기업 최대 2년 무료")),
        dict(title="{d}, 중소기업 R&D 바우처 참여 기업 {n}곳 모집",
             lead="{d}는 관내 중소기업의 기술 경쟁력을 높이기 위해 연구개발(R&D) 바우처 참여 기업 {n}곳을 모집한다고 {day}일 밝혔다.",
             details=("선정된 기업은 시제품 제작과 성능 시험, 특허 출원 등에 쓸 수 있는 바우처를 최대 3천만 원까지 받는다.",
                      "신청은 다음 달 말까지 온라인으로 받으며, 서류와 발표 평가를 거쳐 최종 선정한다.",
                      "{g}는 지난해 참여 기업의 매출이 평균 12% 늘어난 것으로 조사됐다고 설명했다."),
             quote="기술력 있는 중소기업이 한 단계 도약하는 계기가 되길 바란다",
             subs=("시제품 제작·특허 출원에 최대 3천만 원", "서류·발표 평가로 선정")),
        dict(title="{d} 공공 배달앱 가맹점 {n}00곳 돌파",
             lead="{d}는 지역 공공 배달앱 가맹점이 {n}00곳을 넘어섰다고 {day}일 밝혔다.",
             details=("공공 배달앱은 중개수수료가 1~2% 수준으로 민간 앱보다 낮아 가맹점의 부담을 줄여준다.",
                      "{g}는 지역화폐로 결제하는 이용자에게 추가 할인 쿠폰을 주는 행사를 진행하고 있다.",
                      "누적 주문 건수는 지난달 기준 30만 건을 넘었다."),
             quote="가맹점과 소비자 모두에게 이익이 되는 상생 플랫폼으로 키우겠다",
             subs=("중개수수료 1~2%… 가맹점 부담 덜어", "누적 주문 30만 건 넘어")),
        dict(title="{d}, `2025 일자리 박람회` 개최… “현장 채용 확대”",
             lead="{d}는 `2025 일자리 박람회`를 {d}청 광장에서 열고 기업 {n}곳이 현장 채용에 나선다고 {day}일 밝혔다.",
             details=("박람회에서는 ▴현장 면접 ▴이력서 사진 무료 촬영 ▴취업 컨설팅 ▴직업 적성 검사 등이 진행된다.",
                      "중장년과 경력 단절 여성을 위한 별도 상담 창구도 운영된다.",
                      "참가를 원하는 구직자는 사전 등록 없이 신분증과 이력서를 지참하고 방문하면 된다."),
             quote="구직자와 기업을 직접 연결해 실질적인 채용으로 이어지도록 하겠다",
             subs=("기업 {n}곳 현장 면접", "중장년·경력 단절 여성 상담 창구 별도 운영")),
        dict(title="{d}, 빈 상가 입점 소상공인 임대료 절반 지원",
             lead="{d}는 빈 점포가 늘고 있는 상권을 살리기 위해 신규 입점 소상공인에게 임대료를 지원한다고 {day}일 밝혔다.",
             details=("지원 대상은 6개월 이상 비어 있던 점포에 새로 입점하는 업체로, 월 임대료의 절반을 최대 1년간 지원받는다.",
                      "{g}는 건물주와 협약을 맺어 임대료 인상을 자제하도록 유도할 방침이다.",
                      "올해는 {s}개 상권을 우선 지원 대상으로 정했다."),
             quote="활기를 잃은 거리에 다시 불이 켜지도록 하겠다",
             subs=("월 임대료 절반 최대 1년 지원", "건물주와 임대료 인상 자제 협약")),
    ),
    "문화": (
        dict(title="🎬 {d} 여름밤 야외 영화제 개막… 무료 상영",
             lead="{d}는 이달 말부터 주말마다 공원 잔디광장에서 야외 영화제를 연다고 {day}일 밝혔다.",
             details=("상영작은 가족 애니메이션과 한국 영화 등 {s}편으로, 돗자리와 간식을 가져오면 누구나 무료로 관람할 수 있다.",
                      "영화 상영 전에는 지역 예술인의 공연이 펼쳐진다 🎉",
                      "비가 오면 {d}청 대강당으로 장소를 옮겨 진행한다."),
             quote="도심 속에서 가족과 함께 여유로운 여름밤을 보내시길 바란다",
             subs=("가족 애니메이션·한국 영화 {s}편 상영", "상영 전 지역 예술인 공연")),
        dict(title="밤빛 품은 {d}, `국가유산 야행` {m}월 개최",
             lead="{d}는 `국가유산 야행(夜行)`을 오는 {m}월 사흘간 연다고 {day}일 밝혔다.",
             details=("야행은 지역의 문화유산과 주변 문화시설을 밤에 거닐며 즐기는 행사로, 올해는 ‘8야(夜)’를 주제로 꾸며진다.",
                      "야경 투어와 전통 공연, 체험 프로그램 등 {n}개 프로그램이 마련된다.",
                      "일부 프로그램은 사전 예약이 필요하며 문화재단 누리집에서 신청할 수 있다."),
             quote="밤에 만나는 문화유산의 새로운 매력을 느껴보시길 바란다",
             subs=("‘8야(夜)’ 주제로 {n}개 프로그램", "일부 프로그램 사전 예약")),
        dict(title="{d} 공공도서관, ‘작가와의 만남’ 연중 운영",
             lead="{d}는 지역 공공도서관에서 매달 한 차례 ‘작가와의 만남’을 연다고 {day}일 밝혔다.",
             details=("첫 행사에는 장편소설로 주목받은 작가가 참여해 독자들과 창작 이야기를 나눈다.",
                      "참가 신청은 도서관 누리집에서 선착순 {n}명까지 받는다.",
                      "도서관은 강연과 연계한 독서 모임과 필사 프로그램도 함께 운영한다."),
             quote="책과 사람이 만나는 도서관으로 자리 잡도록 하겠다",
             subs=("매달 한 차례 작가 초청", "독서 모임·필사 프로그램 연계")),
        dict(title="{d}, 생활문화축제 참가팀 {n}개 모집",
             lead="{d}는 주민 동아리가 주인공이 되는 생활문화축제에 참여할 팀을 모집한다고 {day}일 밝혔다.",
             details=("모집 분야는 ▴음악 ▴무용 ▴연극 ▴전시 ▴체험 등이며, 주민 5명 이상으로 구성된 동아리면 신청할 수 있다.",
                      "선정된 팀에는 공연 준비금과 무대, 음향 장비가 지원된다.",
                      "축제는 오는 {m}월 중앙공원 일대에서 이틀간 열린다."),
             quote="주민들의 일상 속 재능이 축제의 무대에서 빛나길 바란다",
             subs=("음악·무용·연극·전시 분야", "공연 준비금·무대·음향 장비 지원")),
        dict(title="{d} 기획전 「도시의 기억」 개막… 사진·영상 {n}점",
             lead="{d}는 지역의 변천사를 담은 기획전 「도시의 기억」을 문화예술회관 전시실에서 연다고 {day}일 밝혔다.",
             details=("전시에는 1970년대부터 최근까지 지역의 모습을 기록한 사진과 영상 {n}점이 나온다.",
                      "주민들이 기증한 가족사진과 옛 생활용품도 함께 전시돼 관람객의 눈길을 끈다.",
                      "관람료는 무료이며 매주 월요일은 휴관한다."),
             quote="전시를 통해 세대가 함께 도시의 기억을 나누는 시간이 되길 바란다",
             subs=("1970년대부터의 사진·영상 {n}점", "주민 기증 가족사진·생활용품도")),
        dict(title="{d} 청소년 오케스트라 정기 연주회… 클래식부터 OST까지",
             lead="{d}는 청소년 오케스트라의 정기 연주회를 오는 {m}월 문화예술회관 대공연장에서 연다고 {day}일 밝혔다.",
             details=("이번 연주회에서는 베토벤 교향곡과 영화 OST, 가요 메들리 등 다채로운 곡을 선보인다.",
                      "오케스트라 단원 {n}명은 관내 초·중·고등학생으로 구성돼 1년간 주말마다 연습해 왔다.",
                      "관람은 무료이며 좌석은 현장에서 선착순으로 배정된다."),
             quote="아이들이 땀 흘려 준비한 무대에 많은 박수를 부탁드린다",
             subs=("베토벤 교향곡·영화 OST·가요 메들리", "관람 무료… 현장 선착순 좌석 배정")),
        dict(title="{d} 골목 벽화 거리 조성 완료… 포토존 ‘인기’",
             lead="{d}는 낡은 담장이 많던 주택가 골목에 벽화 거리 조성을 마쳤다고 {day}일 밝혔다.",
             details=("벽화는 지역 예술가와 주민 {n}명이 함께 그렸으며, 마을의 옛 모습과 주민들의 이야기를 담았다.",
                      "야간에도 감상할 수 있도록 조명을 설치했고 골목 곳곳에 포토존을 마련했다.",
                      "{g}는 벽화 거리를 잇는 걷기 코스도 개발해 관광 자원으로 활용할 계획이다."),
             quote="주민과 예술가가 함께 만든 골목이 자랑거리가 됐다",
             subs=("예술가·주민 {n}명이 함께 그려", "야간 조명·포토존 마련")),
        dict(title="{d} 전통 민속놀이 한마당… 윷놀이·제기차기 ‘풍성’",
             lead="{d}는 주민과 함께하는 전통 민속놀이 한마당을 열었다고 {day}일 밝혔다.",
             details=("행사에는 가족 단위 주민 {n}0여 명이 참여해 윷놀이와 제기차기, 투호 던지기 등을 즐겼다.",
                      "떡메치기와 전통 공예 체험 부스에는 아이들의 발길이 이어졌다.",
                      "{g}는 내년에는 행사 규모를 키워 외국인 주민도 함께할 수 있도록 할 계획이다."),
             quote="세대가 함께 어울리며 전통의 즐거움을 나누는 자리가 됐다",
             subs=("가족 단위 주민 {n}0여 명 참여", "떡메치기·전통 공예 체험 부스")),
    ),
    "오피니언": (
        dict(title="[사설] {d} 재개발, 주민 목소리부터 들어야",
             lead="{d}의 재개발 사업을 둘러싼 주민 갈등이 좀처럼 풀리지 않고 있다.",
             details=("사업 속도를 높이는 것도 중요하지만, 원주민의 재정착 대책이 빠진 개발은 또 다른 갈등을 낳을 뿐이다.",
                      "행정은 조합과 주민 사이에서 공정한 조정자 역할을 해야 한다.",
                      "지금 필요한 것은 일방적인 설명회가 아니라 주민이 실제로 참여하는 공론의 장이다."),
             quote="평생 살아온 동네에서 떠밀려 나가고 싶지 않다", subs=()),
        dict(title="[칼럼] {d} 골목상권, 상생의 해법은 있다",
             lead="{d}의 골목상권이 대형 유통망과 온라인 쇼핑 사이에서 길을 잃고 있다.",
             details=("임대료 부담과 인건비 상승은 소상공인 혼자 감당하기 어려운 수준에 이르렀다.",
                      "지역화폐와 공공 배달앱 같은 정책이 나름의 효과를 내고 있지만 근본적인 처방은 아니다.",
                      "상인과 건물주, 행정이 함께 머리를 맞대는 상생 협약이 해법이 될 수 있다."),
             quote="손님이 없는 게 아니라 손님이 올 이유가 사라졌다", subs=()),
        dict(title="[사설] {d} 어린이 통학로 안전, 더 미룰 수 없다",
             lead="{d}의 어린이보호구역에서 사고가 끊이지 않고 있다.",
             details=("불법 주정차와 과속은 여전하고, 보도조차 없는 통학로도 적지 않다.",
                      "단속만으로는 한계가 분명하다.",
                      "보도 설치와 신호 체계 개선 같은 근본적인 투자가 뒤따라야 한다."),
             quote="아이 혼자 학교에 보내기가 겁난다", subs=()),
        dict(title="[데스크 칼럼] {d} 청년 정책, 숫자보다 체감이 먼저다",
             lead="{d}가 올해도 청년 정책 예산을 크게 늘렸다.",
             details=("그러나 정작 청년들은 정책이 있는 줄도 모르는 경우가 많다.",
                      "홍보 부족과 복잡한 신청 절차가 발목을 잡고 있다는 지적이 나온다.",
                      "예산 규모를 자랑하기보다 청년들이 실제로 체감하는 변화를 만들어야 한다."),
             quote="지원금보다 필요한 건 제대로 된 안내다", subs=()),
        dict(title="[사설] {d} 예산 심의, 보여주기식 사업부터 걸러내야",
             lead="{d} 의회의 내년도 예산안 심의가 시작됐다.",
             details=("해마다 반복되는 일회성 축제와 전시성 시설 사업이 올해도 적지 않게 포함됐다.",
                      "세수가 줄어드는 상황에서 우선순위를 따지는 일은 의회의 기본 책무다.",
                      "주민 생활과 직결된 복지·안전 예산이 뒤로 밀려서는 안 된다."),
             quote="축제보다 동네 도로부터 고쳐 달라", subs=()),
        dict(title="[칼럼] {d} 도서관이 동네의 거실이 되려면",
             lead="{d}의 공공도서관이 책을 빌리는 곳을 넘어 주민의 거실로 바뀌고 있다.",
             details=("공유 부엌과 메이커 공간, 돌봄 프로그램까지 갖춘 도서관이 늘었다.",
                      "하지만 운영 인력은 그대로여서 사서들의 업무 부담이 커지고 있다.",
                      "공간만 늘릴 것이 아니라 사람에 대한 투자도 함께 이뤄져야 한다."),
             quote="도서관에 오면 하루가 덜 외롭다", subs=()),
        dict(title="[기고] {d} 탄소중립, 생활 속 실천에서 시작된다",
             lead="{d}가 2040년 탄소중립 도시를 목표로 내걸었다.",
             details=("거창한 계획보다 중요한 것은 주민 한 사람 한 사람의 생활 습관이다.",
                      "일회용품 줄이기와 대중교통 이용, 에너지 절약은 누구나 당장 시작할 수 있다.",
                      "행정은 주민의 작은 실천이 보상받는 구조를 만들어야 한다."),
             quote="분리배출 하나에도 동네가 달라진다", subs=()),
        dict(title="[사설] {d} 주민참여예산, 형식이 아닌 내용을 채워야",
             lead="{d}의 주민참여예산제가 도입 10년을 맞았다.",
             details=("참여하는 주민은 늘었지만 제안 사업의 상당수가 소규모 시설 정비에 머물고 있다.",
                      "예산 편성 과정의 정보 공개도 여전히 부족하다.",
                      "주민이 실제로 결정하는 범위를 넓혀야 제도의 취지가 산다."),
             quote="제안은 했는데 어떻게 됐는지 알 수가 없다", subs=()),
    ),
}

_CLOSING = {
    "사회": ("자세한 내용은 {d} 누리집을 참고하거나 담당 부서로 문의하면 된다.",
             "{g}는 앞으로도 주민 생활과 밀접한 복지·안전 정책을 꾸준히 발굴해 나갈 방침이다."),
    "경제": ("{g}는 하반기 지역경제 활성화 대책을 추가로 내놓을 예정이다.",
             "관련 문의는 {d}청 지역경제과로 하면 된다."),
    "문화": ("행사 일정과 세부 프로그램은 문화재단 누리집에서 확인할 수 있다.",
             "{g}는 주민 누구나 가까이에서 문화를 즐길 수 있도록 생활권 문화 프로그램을 계속 늘려갈 계획이다."),
    "오피니언": ("행정의 신뢰는 결국 작은 약속을 지키는 데서 쌓인다.",
                 "지역의 문제는 지역이 가장 잘 안다는 원칙을 다시 새길 때다."),
}
_CAPTIONS = {
    "사회": ("{d} 관계자들이 현장을 점검하고 있다", "{d}청 전경 (사진={d})", "주민들이 설명회에 참석해 안내를 듣고 있다"),
    "경제": ("{d} 전통시장을 찾은 시민들이 장을 보고 있다", "지난해 열린 행사 모습 ({d} 제공)", "{d}청 전경"),
    "문화": ("지난해 행사에 참여한 주민들이 공연을 즐기고 있다", "「{d} 문화재단」 제공", "행사 포스터 ({d} 제공)"),
    "오피니언": ("{d}청 전경", "{d} 일대 모습", "{d} 주민 설명회"),
}
_YOUTUBE_IDS = ("Xk3vQ9pL2aB", "m7Lc1Uv-fVE", "Q2wE4rT6yU8", "pZ0-aB9cD1e")


# --------------------------------------------------------------------------------------------------------------
# The reference article (idx=828), copied from ../shared/seed/reference-article.txt

REFERENCE_TITLE = "오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 아시아 AI 허브로 도약”"
REFERENCE_SUBTITLES = [
    "오 시장, AI 산업 종사자·청년들과 현장 소통… “AI는 미래 성장의 핵심”",
    "이동약자 위한 AI 기술 체험 및 청년들과 AI 정책 토론회 진행",
    "서울시, AI 인재 양성·인프라 조성·투자 확대 등 전략 추진",
]
REFERENCE_PARAGRAPHS = [
    "오세훈 서울시장이 8일 DDP 아트홀에서 열린 「서울 AI 페스타 2025」에 참석해 AI 산업 종사자 및 청년들과 소통하며 "
    "서울을 아시아 AI 허브로 성장시키겠다는 의지를 밝혔다. 오 시장은 AI 기술 전시를 직접 관람하고, 청년들과 AI 산업 발전을 "
    "위한 토론회를 가졌다.",
    "이번 행사는 오는 9월 코엑스에서 개최될 ‘스마트라이프위크 2025’의 사전 행사로, 일반 시민들이 쉽게 AI 기술을 체험할 수 "
    "있도록 마련된 참여형 축제다.",
    "오 시장은 개막식에서 “AI 산업 발전을 위해 전문가들과 연구하고 논의하는 것도 중요하지만, 시민들이 AI를 일상에서 "
    "자연스럽게 접할 수 있도록 하는 것이 더욱 의미 있다”며 “서울시는 AI 인재 양성, 인프라 조성, 투자 확대 등을 통해 서울을 "
    "중심으로 AI 산업이 발전하도록 적극 지원하겠다”고 강조했다.",
    "그는 또한, 서울시가 AI 산업 육성을 위해 ▴AI 인재 양성 ▴인프라 조성 ▴투자 확대 ▴산업 간 융복합 ▴글로벌화 ▴시민 확산 "
    "▴행정 혁신 등 7대 전략을 추진하고 있음을 언급했다. 특히, AI 산업의 규제 완화와 투자 촉진을 위해 500조 원 규모의 "
    "‘다시 성장(KOGA) 펀드’를 제안하며 정부가 규제가 아닌 서포터즈 역할을 해야 한다고 강조한 바 있다.",
    "이날 오 시장은 이동약자를 위한 자율주행 전동휠체어 등 AI 기술을 직접 체험하고, ‘서울시-청년 열린 AI 대토론회’에서 청년 "
    "대표 4인과 AI 정책에 대한 의견을 나눴다. 토론에서 AI 인재 양성과 디지털 격차 해소 방안에 대한 청년들의 질문이 "
    "이어졌으며, 이에 오 시장은 청년취업사관학교와 라이즈(RISE) 사업을 활용한 인재 양성 계획과 디지털동행플라자·디지털안내사 "
    "등의 정책을 통해 디지털 소외 계층을 지원하겠다고 밝혔다.",
    "마지막으로 오 시장은 “대한민국은 변화에 빠르게 적응하는 능력을 갖춘 나라”라며 “중앙정부와 협력하고 꾸준한 투자를 통해 "
    "서울을 AI 산업을 선도하는 도시, 아시아의 AI 허브로 만들겠다”고 강조했다.",
]
REFERENCE_CAPTION = ("오세훈 서울시장이 8일(토) 오후 DDP에서 열린 「서울AI페스타 2025」 개막식에서 세계 최대 휴머노이드 로봇 "
                     "타이탄과 악수를 하고 있다")
REFERENCE_IMAGE = "/data/photos/20250308/art_17414348461392_3f1c2a.jpg"


# --------------------------------------------------------------------------------------------------------------
# Variations: tag -> positions in publication order (0 = oldest).  Resolved to idx in VARIATIONS below.

_VARIATION_POSITIONS = {
    "multi_reporters_dot": (10, 44),  # '김태령·박민수 기자'
    "multi_reporters_comma": (19, 56),  # '김태령, 박민수 기자'
    "byline_email": (13, 38, 61),  # '홍길동 기자 hong@workheadline.co.kr'
    "email_at_body_end": (16, 40, 65),  # last paragraph '김태령 기자 kim@workheadline.co.kr' (not body text)
    "desk_byline": (22, 50, 70),  # '편집국' (+ the 편집국 opinion pieces)
    "senior_reporter": (15, 47),  # '이정민 선임기자'
    "edited": (9, 31, 35, 57, 71, 77),  # '수정 ...' / old skin second li '기사수정 ...'
    "credit_inline": (12, 20, 43, 73),  # '[워크헤드라인=홍길동 기자] 본문...' inside the first paragraph
    "credit_paragraph": (34,),  # the credit as its own first paragraph
    "credit_only_byline": (68,),  # old skin, empty byline <p>: authors only from the credit
    "copyright_line": (12, 14, 27, 41, 52, 65, 79),
    "messy_title": (23, 37),  # zero-width space, NBSP and double spaces in the printed title
    "messy_body": (23, 37, 48),  # NBSP, zero-width space and space runs in the printed body
    "br_lines": (17, 30, 45),  # one paragraph of '▴일시 ...<br>▴장소 ...<br>▴문의 ...'
    "legacy_br_body": (62, 80),  # old skin body without <p>: paragraphs separated by <br><br>
    "div_paragraphs": (39, 45),  # new skin paragraphs in <div> instead of <p>
    "youtube": (24, 46, 58),  # <iframe src="//www.youtube.com/embed/ID"> in the body
    "style_in_body": (6, 16, 33, 64),  # <style> inside div.fr-view
    "script_in_old_body": (8, 26, 62),  # <script> inside the old skin's #viewContent
    "image_before_text": (36, 51),  # new skin: the first photo comes before the first paragraph
}
_OLD_SKIN = lambda position: position % 3 == 2  # noqa: E731  (about a third of the articles)


def _features(position: int) -> set[str]:
    return {tag for tag, positions in _VARIATION_POSITIONS.items() if position in positions}


def _kst(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+09:00"


def _published(position: int) -> datetime:
    if position == _REFERENCE_POSITION:
        return datetime(2025, 3, 8, 20, 54, 6)
    day = date(2025, 1, 22) + timedelta(days=(position * 13) // 8)  # strictly increasing days
    return datetime(day.year, day.month, day.day, 6 + (position * 5) % 15, (position * 17 + 3) % 60,
                    (position * 29 + 7) % 60)


def _idx_numbers() -> list[int]:
    """Increasing, non-contiguous idx values; the reference position gets 828."""
    cumulative, total = [], 0
    for position in range(_TOTAL):
        if position:
            total += 1 + ((position * 5) % 7) // 2
        cumulative.append(total)
    return [REFERENCE_IDX + c - cumulative[_REFERENCE_POSITION] for c in cumulative]


def _messy_title(title: str) -> str:
    words = title.split(" ")
    words[1] = "\u200b" + words[1]
    messy = " ".join(words).replace(" ", "  ", 1)
    last = messy.rfind(" ")
    return " " + messy[:last] + "\u00a0" + messy[last + 1 :] + "\u200b "


def _messy_paragraph(text: str) -> str:
    text = text.replace(" ", "\u00a0", 1)
    first = text.find(" ")
    text = text[:first] + "   " + text[first + 1 :]
    return text[:3] + "\u200b" + text[3:] + " "


def _person(name: str, role: str | None, email: str | None = None) -> dict:
    return {"name": name, "role": role, "email": email}


def _email(name: str) -> str:
    return f"{_HANDLES[name]}@{EMAIL_DOMAIN}"


def _build_article(position: int, ordinal: int, idx: int, section_name: str) -> dict:
    """One article's fields except listed/prev/next."""
    section = _SECTION_BY_NAME[section_name]
    features = _features(position)
    skin = "old" if _OLD_SKIN(position) else "new"
    published = _published(position)
    modified = None
    if "edited" in features:
        modified = published + timedelta(hours=5 + position % 17, minutes=(position * 7) % 60,
                                         seconds=(position * 11) % 60)

    section_index = [s.name for s in SECTIONS].index(section_name)
    topic_number = ordinal % 8
    topic = _TOPICS[section_name][topic_number]
    district = _DISTRICTS[(ordinal * 5 + section_index * 3) % len(_DISTRICTS)]
    values = {
        "d": district, "g": district[-1], "head": district + ("청장" if district.endswith("구") else "장"),
        "n": 10 + (position * 37) % 90, "s": 3 + position % 7, "m": published.month % 12 + 1, "day": published.day,
    }
    fill = lambda template: template.format(**values)  # noqa: E731

    title = fill(topic["title"])
    lead = fill(topic["lead"])
    details = [fill(d) for d in topic["details"]]
    closing = [fill(c) for c in _CLOSING[section_name]]
    if section_name == "오피니언":
        quote = f"“{fill(topic['quote'])}”는 한 주민의 말을 가볍게 넘겨서는 안 된다."
    else:
        speaker = (f"{district} 관계자는", f"{values['head']}은", "담당 과장은")[position % 3]
        quote = f"{speaker} “{fill(topic['quote'])}”고 말했다."
    pool = [lead, f"{details[0]} {details[1]}", quote, details[2], f"{closing[0]} {closing[1]}"]
    paragraphs = pool[: 2 + (ordinal + section_index) % 4]
    if "br_lines" in features:
        info = (f"▴일시: {published.year}년 {values['m']}월 {values['s'] + 10}일 오후 2시\n"
                f"▴장소: {district}청 대강당\n"
                f"▴문의: {district}청 담당 부서(02-{3000 + values['n'] * 7}-{1000 + values['n'] * 13})")
        paragraphs.insert(2, info)

    # ---- byline / authors -------------------------------------------------------------------------------
    credit = signature = None
    if section_name == "오피니언":
        name, role = _OPINION_BYLINES[topic_number]
        byline_raw = f"{name} {role}" if role else name
        authors = [_person(name, role)]
    else:
        name = _REPORTERS[section_name][ordinal % 3]
        byline_raw, authors = f"{name} 기자", [_person(name, "기자")]
    if "multi_reporters_dot" in features or "multi_reporters_comma" in features:
        pair = ("김태령", "박민수") if position in (10, 19) else (("윤서진", "오세린") if position == 44 else ("정우진", "이서연"))
        joiner = "·" if "multi_reporters_dot" in features else ", "
        byline_raw = f"{joiner.join(pair)} 기자"
        authors = [_person(pair[0], "기자"), _person(pair[1], "기자")]
    if "byline_email" in features:
        name = {13: "홍길동", 38: "이서연", 61: "박민수"}[position]
        byline_raw, authors = f"{name} 기자 {_email(name)}", [_person(name, "기자", _email(name))]
    if "email_at_body_end" in features:
        name = {16: "김태령", 40: "최지훈", 65: "윤서진"}[position]
        byline_raw, authors = f"{name} 기자", [_person(name, "기자", _email(name))]
        signature = f"{name} 기자 {_email(name)}"
    if "desk_byline" in features:
        byline_raw, authors = "편집국", [_person("편집국", None)]
    if "senior_reporter" in features:
        byline_raw, authors = "이정민 선임기자", [_person("이정민", "선임기자")]
    if features & {"credit_inline", "credit_paragraph", "credit_only_byline"}:
        name = "김태령" if position in (20, 73) else "홍길동"
        credit = f"[{SITE_NAME}={name} 기자]"
        byline_raw, authors = f"{name} 기자", [_person(name, "기자")]
        if "credit_only_byline" in features:
            byline_raw = credit  # the page prints no byline; the credit is the only printed byline text

    raw_paragraphs = list(paragraphs)
    if "messy_body" in features:
        raw_paragraphs[0] = _messy_paragraph(raw_paragraphs[0])
        raw_paragraphs[-1] = _messy_paragraph(raw_paragraphs[-1])

    # ---- images -----------------------------------------------------------------------------------------
    captions = [fill(c) for c in _CAPTIONS[section_name]]
    image_count = (1, 0, 1, 2)[position % 4]
    images = []
    for number in range(image_count):
        caption = captions[(position + number) % len(captions)]
        if skin == "new" and position % 8 == 2:
            caption = None  # a photo without a caption
        if skin == "old" and number > 0:
            caption = None  # the old skin only captions its first photo (div#img_caption)
        images.append({"url": f"/data/photos/{published:%Y%m}/art_{idx}_{number + 1}.jpg", "caption": caption})

    subtitles = []
    if skin == "new" and topic["subs"] and position % 4 in (0, 1):
        subtitles = [fill(s) for s in topic["subs"][: 1 + position % 2]]

    youtube_id = _YOUTUBE_IDS[position % len(_YOUTUBE_IDS)] if "youtube" in features else None
    if skin == "new" and position % 2 == 0:
        features.add("spacers")  # <p>&nbsp;</p> after every paragraph, as on the reference page

    article = dict(
        idx=idx, section=section_name, mcode=section.mcode, skin=skin, title=title,
        title_raw=_messy_title(title) if "messy_title" in features else title,
        subtitles=subtitles, byline_raw=byline_raw, authors=authors,
        published_raw=("등록 " if skin == "new" else "기사등록 ") + published.strftime("%Y-%m-%d %H:%M:%S"),
        published_at=_kst(published),
        modified_raw=(("수정 " if skin == "new" else "기사수정 ") + modified.strftime("%Y-%m-%d %H:%M:%S"))
        if modified else None,
        modified_at=_kst(modified) if modified else None,
        paragraphs=paragraphs, raw_paragraphs=raw_paragraphs, images=images, credit=credit,
        copyright="copyright_line" in features, youtube_id=youtube_id, position=position, signature=signature,
    )
    if position == _REFERENCE_POSITION:
        article.update(
            skin="new", title=REFERENCE_TITLE, title_raw=REFERENCE_TITLE, subtitles=list(REFERENCE_SUBTITLES),
            byline_raw="김태령 기자", authors=[_person("김태령", "기자")],
            published_raw="등록 2025-03-08 20:54:06", published_at="2025-03-08T20:54:06+09:00",
            modified_raw=None, modified_at=None,
            paragraphs=list(REFERENCE_PARAGRAPHS), raw_paragraphs=list(REFERENCE_PARAGRAPHS),
            images=[{"url": REFERENCE_IMAGE, "caption": REFERENCE_CAPTION}], credit=None, copyright=False,
            youtube_id=None,
        )
        features = {"spacers", "reference"}
    article["features"] = frozenset(features)
    return article


def _build() -> list[SampleArticle]:
    idx_numbers = _idx_numbers()
    ordinals: dict[str, int] = {}
    drafts = []
    for position in range(_TOTAL):
        section_name = _PATTERN[position % len(_PATTERN)]
        ordinal = ordinals.get(section_name, 0)
        ordinals[section_name] = ordinal + 1
        drafts.append(_build_article(position, ordinal, idx_numbers[position], section_name))

    articles = []
    for section in SECTIONS:
        chain = [d for d in drafts if d["mcode"] == section.mcode]  # oldest first
        oldest, newest = _UNLISTED_OLDEST[section.name], _UNLISTED_NEWEST[section.name]
        for number, draft in enumerate(chain):
            articles.append(SampleArticle(
                **draft,
                listed=oldest <= number < len(chain) - newest,
                prev_idx=chain[number - 1]["idx"] if number > 0 else None,
                next_idx=chain[number + 1]["idx"] if number + 1 < len(chain) else None,
            ))
    articles.sort(key=lambda a: a.idx)
    for article in articles:  # the ground truth must agree with its own cleaning rule
        assert clean_text(article.title_raw) == article.title, article.idx
        assert [clean_text(p) for p in article.raw_paragraphs] == article.paragraphs, article.idx
    return articles


ARTICLES: list[SampleArticle] = _build()
ARTICLES_BY_IDX: dict[int, SampleArticle] = {a.idx: a for a in ARTICLES}
REFERENCE = ARTICLES_BY_IDX[REFERENCE_IDX]
# idx values that pages link to but that the CMS has deleted (served as the "deleted article" page).
DELETED_IDX: tuple[int, ...] = tuple(
    n for n in range(REFERENCE_IDX + 1, REFERENCE_IDX + 20) if n not in ARTICLES_BY_IDX
)[:1]
# Variation tag -> idx of the articles that show it.
VARIATIONS: dict[str, list[int]] = {
    tag: sorted(a.idx for a in ARTICLES if tag in a.features)
    for tag in sorted({tag for a in ARTICLES for tag in a.features})
}

DATA = SiteData(SECTIONS, ARTICLES, DELETED_IDX)


def expected_items(base_url: str) -> list[dict]:
    """`SampleArticle.expected(base_url)` for every article, in idx order."""
    return [article.expected(base_url) for article in ARTICLES]


def list_page(mcode: str | None, page: int) -> list[SampleArticle]:
    return DATA.list_page(mcode, page)


def page_count(mcode: str | None = None) -> int:
    return DATA.page_count(mcode)


def listed_articles(mcode: str | None = None) -> list[SampleArticle]:
    return DATA.listed(mcode)


def unlisted_articles() -> list[SampleArticle]:
    return DATA.unlisted()
