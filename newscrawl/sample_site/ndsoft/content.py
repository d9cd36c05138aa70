"""Site N's articles as data ("남도일보샘플", fictional, an NDSoft-CMS regional daily) and their ground truth.

Deterministic: no randomness, no clock.  The pages are rendered from these fields by pages.py; feeds.py renders
the RSS feeds and the sitemap.  The conventions are those of newscrawl/sample_site/ndsoft/CHOICES.md (shared with the NDSoft
parser); see the package docstring (ndsoft/__init__.py) for the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..content import SampleArticle, Section, SiteData, clean_text

SITE_NAME = "남도일보샘플"
HOST = "127.0.0.4"
EMAIL_DOMAIN = "sample.kr"
PAGE_SIZE = 20
FEED_SIZE = 50
SITEMAP_SIZE = 100
ARTICLE_PATH = "/news/articleView.html"
COPYRIGHT_LINE = f"저작권자 © {SITE_NAME} 무단전재 및 재배포 금지"
# The pre-2018 table layout prints it as the body's last paragraph (&copy; in the EUC-KR page: © is not in CP949).
TABLE_COPYRIGHT_LINE = f"<저작권자 © {SITE_NAME}, 무단 전재 및 재배포 금지>"
TTS_LINE = "기사를 읽어드립니다."
UNAPPROVED_TEXT = "관리자가 검토중인 기사 입니다."
DELETED_TEXT = "존재하지 않는 링크입니다."

SKIN_CURRENT = "current"
SKIN_USER_CONTAINER = "user-container"
SKIN_TABLE = "table"

SECTIONS = [
    Section("정치", "S1N1"),
    Section("사회", "S1N2"),
    Section("경제", "S1N3"),  # the EUC-KR section: pre-2018 table layout, lists in the list-block skin
]
EUCKR_SECTION = "S1N3"


@dataclass(frozen=True)
class SubSection:
    name: str
    code: str  # S2N<k>
    parent: str  # the top-level code


SUB_SECTIONS = [SubSection("교육", "S2N3", "S1N2")]
# A retired section: only inside an HTML comment in the home page's menu (its list is empty).
RETIRED_SECTION = Section("기획연재", "S1N9")
_SECTION_BY_CODE = {s.mcode: s for s in SECTIONS}

_WEEKDAYS = "월화수목금토일"


# --------------------------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class NdsoftArticle(SampleArticle):
    """A site-N article: SampleArticle (mcode = the top-level section code S1N<k>, skin = current |
    user-container | table) plus what the NDSoft pages print around the body."""

    sub_code: str | None = None  # S2N3 when the article is also listed in the sub-section
    reporter: str = ""  # the byline without e-mail: list pages, feeds, meta author ('홍길동 기자', '홍길동·김철수 기자')
    image_srcs: tuple[str, ...] = ()  # each photo's src as printed: a path, or "{base}" + path (absolute)
    tts: bool = False  # a leading "기사를 읽어드립니다." paragraph (noise)
    photo_credit: str | None = None  # a "(사진=…)" paragraph after the first photo or paragraph (noise)
    multi_photo: bool = False  # a figure.figure-img-multi (noise)
    related: tuple[int, ...] = ()  # a div.related box linking these idxnos (noise)
    faq: bool = False  # a div#tem-type-8 FAQ box (noise)

    @staticmethod
    def path_of(idx: int) -> str:
        return f"{ARTICLE_PATH}?idxno={idx}"

    @property
    def section_code(self) -> str:
        return self.mcode

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.published_at).replace(tzinfo=None)

    @property
    def modified(self) -> datetime | None:
        return datetime.fromisoformat(self.modified_at).replace(tzinfo=None) if self.modified_at else None

    @property
    def list_date(self) -> str:
        """The date on list pages: 'YYYY.MM.DD HH:MM' (the EUC-KR list prints 'YYYY-MM-DD HH:MM')."""
        return f"{self.published:%Y.%m.%d %H:%M}"

    @property
    def teaser(self) -> str:
        text = " ".join(self.paragraphs)
        return text[:100] + "..." if len(text) > 100 else text

    @property
    def description(self) -> str:
        """The feed's ~300-character summary."""
        text = " ".join(self.paragraphs)
        return text[:300] + "..." if len(text) > 300 else text

    @property
    def email(self) -> str | None:
        return self.authors[0]["email"] if self.authors else None


@dataclass(frozen=True)
class Notice:
    """An idxno that a list page shows but whose page is a notice, not an article (gone)."""

    idx: int
    reason: str  # 'unapproved_notice' | 'deleted_notice'
    title: str  # the title the list page shows for it
    section: str
    mcode: str
    reporter: str
    published_at: str
    listed: bool = True
    sub_code: str | None = None
    images: tuple = ()

    @property
    def path(self) -> str:
        return f"{ARTICLE_PATH}?idxno={self.idx}"

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.published_at).replace(tzinfo=None)

    @property
    def list_date(self) -> str:
        return f"{self.published:%Y.%m.%d %H:%M}"

    @property
    def teaser(self) -> str:
        return f"{self.title} 관련 소식입니다."


class NdsoftSiteData(SiteData):
    """Site N's SiteData: lists of 20 by top-level code, sub-section code or all; notices listed among them;
    a page past the last returns the last page again."""

    page_size = PAGE_SIZE

    def __init__(self, sections, articles, notices: list[Notice], sub_sections: list[SubSection]):
        super().__init__(sections, articles, tuple(n.idx for n in notices))
        self.notices = {n.idx: n for n in notices}
        self.sub_sections = list(sub_sections)
        self.by_sub_code = {s.code: s for s in sub_sections}

    def listed(self, mcode: str | None = None) -> list[NdsoftArticle]:
        """Listed articles (no notices), newest first: all, one top-level section (S1N<k>) or a sub-section."""
        chosen = [a for a in self.articles if a.listed and _in_list(a, mcode)]
        return sorted(chosen, key=lambda a: (a.published_at, a.idx), reverse=True)

    def entries(self, code: str | None = None) -> list:
        """What a list shows, newest first: its articles and the notices listed there."""
        chosen = [a for a in [*self.articles, *self.notices.values()] if a.listed and _in_list(a, code)]
        return sorted(chosen, key=lambda a: (a.published_at, a.idx), reverse=True)

    def page_count(self, mcode: str | None = None) -> int:
        return max(1, -(-len(self.entries(mcode)) // self.page_size))

    def clamp_page(self, code: str | None, page: int | None) -> int:
        """The page a request for `page` gets: 1 below the first, the last past the last."""
        return min(max(page or 1, 1), self.page_count(code))

    def list_page(self, mcode: str | None, page: int) -> list:
        page = self.clamp_page(mcode, page)
        return self.entries(mcode)[(page - 1) * self.page_size : page * self.page_size]

    def latest(self, count: int, exclude: int | None = None, code: str | None = None) -> list[NdsoftArticle]:
        return [a for a in self.listed(code) if a.idx != exclude][:count]

    def search(self, keyword: str) -> list[NdsoftArticle]:
        keyword = keyword.strip()
        if not keyword:
            return []
        return [a for a in self.listed() if keyword in a.title or keyword in a.expected_body]

    def known_list_code(self, code: str | None) -> bool:
        return code is None or code in self.by_mcode or code in self.by_sub_code


def _in_list(item, code: str | None) -> bool:
    if code is None:
        return True
    if code.startswith("S2N"):
        return item.sub_code == code
    return item.mcode == code


# --------------------------------------------------------------------------------------------------------------
# People and places

_HANDLES = {
    "정다은": "jung", "최현우": "choi", "홍길동": "hong", "박서연": "park", "이준호": "lee", "김철수": "kim",
    "한소라": "han", "윤태식": "yoon", "오세진": "oh",
}
_REPORTERS = {
    "S1N1": ("정다은", "최현우", "홍길동"),
    "S1N2": ("박서연", "이준호", "김철수"),
    "S2N3": ("한소라",),
    "S1N3": ("윤태식", "오세진"),
}
_PLACES = ("목포시", "여수시", "순천시", "나주시", "광양시", "담양군", "곡성군", "구례군", "고흥군", "보성군",
           "화순군", "장흥군", "강진군", "해남군", "영암군", "무안군", "함평군", "영광군", "장성군", "완도군", "진도군")

# Each topic: title, lead, three details, a quote (ends in 다), two sub-headlines, a photo caption.
# Placeholders: {d} city/county, {head} 시장/군수, {n} 10-99, {s} 3-9, {m} a month, {day} day of month.
_TOPICS = {
    "S1N1": (
        dict(title="{d}의회, 내년도 예산안 {n}억 원 삭감… 집행부와 갈등",
             lead="{d}의회가 집행부가 제출한 내년도 예산안 가운데 {n}억 원을 삭감하면서 양측의 갈등이 커지고 있다.",
             details=("의회는 행사성 예산과 중복 사업을 중심으로 삭감했다고 설명했다.",
                      "집행부는 주민 생활과 직결된 사업까지 깎였다며 재의 요구를 검토하고 있다.",
                      "예산안은 다음 달 본회의에서 최종 의결될 예정이다."),
             quote="예산 심사는 의회의 고유 권한이며 낭비성 사업을 걸러내는 것이 본분이다",
             subs=("행사성·중복 사업 중심 삭감", "집행부 \"재의 요구 검토\""),
             caption="{d}의회 예산결산특별위원회가 예산안을 심사하고 있다"),
        dict(title="{d}, 주민참여예산 사업 {n}건 선정",
             lead="{d}는 주민이 직접 제안한 주민참여예산 사업 {n}건을 최종 선정했다고 {day}일 밝혔다.",
             details=("선정된 사업은 마을 안길 정비와 경로당 보수, 어린이 놀이터 개선 등이다.",
                      "주민 투표와 위원회 심사를 거쳐 사업의 우선순위를 정했다.",
                      "사업비는 내년도 본예산에 반영돼 상반기부터 집행된다."),
             quote="주민이 필요한 사업을 주민 손으로 고르는 것이 풀뿌리 자치의 출발점이다",
             subs=("마을 안길·경로당·놀이터 개선", "주민 투표·위원회 심사 거쳐"),
             caption="{d} 주민참여예산위원회 회의 모습"),
        dict(title="{head}, 취임 {s}주년 기자회견… \"인구 감소 대응 최우선\"",
             lead="{head}이 취임 {s}주년을 맞아 기자회견을 열고 인구 감소 대응을 남은 임기의 최우선 과제로 꼽았다.",
             details=("{head}은 청년 주거와 일자리를 묶은 정착 지원책을 내놓겠다고 밝혔다.",
                      "출산 장려금과 귀농·귀촌 지원 사업도 손질하기로 했다.",
                      "지난 성과로는 교통망 확충과 관광객 증가를 들었다."),
             quote="사람이 떠나지 않는 지역을 만드는 데 모든 행정력을 쏟겠다",
             subs=("청년 주거·일자리 묶은 정착 지원책", "출산 장려금·귀농 지원 손질"),
             caption="{head}이 취임 기자회견에서 발언하고 있다"),
        dict(title="{d}의회 행정사무감사 {n}건 지적… 시정 요구",
             lead="{d}의회는 행정사무감사에서 모두 {n}건의 문제를 지적하고 집행부에 시정과 개선을 요구했다고 {day}일 밝혔다.",
             details=("수의계약 쪼개기와 보조금 정산 부실이 가장 많이 지적됐다.",
                      "의회는 지적 사항의 처리 결과를 석 달 안에 보고하도록 했다.",
                      "일부 사안은 감사원 감사 청구도 검토하기로 했다."),
             quote="지적으로 끝나지 않도록 처리 결과를 끝까지 확인하겠다",
             subs=("수의계약 쪼개기·보조금 정산 부실", "석 달 안에 처리 결과 보고"),
             caption="{d}의회 행정사무감사 현장"),
        dict(title="{d}, 조직 개편안 입법예고… {s}개 과 신설",
             lead="{d}는 인구 정책과 기후 대응 기능을 강화하는 조직 개편안을 입법예고했다고 {day}일 밝혔다.",
             details=("개편안에 따르면 인구정책과와 기후에너지과 등 {s}개 과가 새로 생긴다.",
                      "기능이 겹치는 부서는 통폐합해 전체 정원은 크게 늘지 않는다.",
                      "개편안은 의회 의결을 거쳐 내년 1월부터 시행된다."),
             quote="변화하는 행정 수요에 맞춰 일하는 방식을 바꾸겠다",
             subs=("인구정책과·기후에너지과 신설", "내년 1월 시행 목표"),
             caption="{d}청 전경"),
        dict(title="{d} 청년정책위원회 출범… 위원 {n}명 위촉",
             lead="{d}는 청년 정책을 청년이 직접 만드는 청년정책위원회를 출범하고 위원 {n}명을 위촉했다고 {day}일 밝혔다.",
             details=("위원은 만 19세부터 39세까지의 지역 청년과 전문가로 구성됐다.",
                      "위원회는 청년 기본계획 수립과 예산 편성에 의견을 낸다.",
                      "분기마다 정기회의를 열고 필요하면 수시로 모인다."),
             quote="청년의 목소리가 정책의 첫 줄이 되도록 하겠다",
             subs=("만 19~39세 청년·전문가로 구성", "청년 기본계획·예산 편성에 참여"),
             caption="{d} 청년정책위원회 위촉식"),
        dict(title="{d}의회 의원 {s}명, 해외연수 취소하고 경비 반납",
             lead="{d}의회 의원 {s}명이 예정됐던 해외연수를 취소하고 연수 경비를 반납하기로 했다고 {day}일 밝혔다.",
             details=("의원들은 지역 경기가 어려운 상황에서 연수를 강행하기 어렵다고 판단했다.",
                      "반납한 경비는 취약계층 난방비 지원에 쓰인다.",
                      "의회는 연수 제도 개선안을 마련하기로 했다."),
             quote="주민의 눈높이에 맞는 의정 활동이 무엇인지 다시 생각하겠다",
             subs=("반납 경비는 취약계층 난방비로", "연수 제도 개선안 마련"),
             caption="{d}의회 본회의장"),
        dict(title="\"{d} 선거구 조정 반대\"… 주민 {n}명 서명부 제출",
             lead="{d} 지역 주민들이 광역의원 선거구 조정에 반대하는 서명부를 선거구획정위원회에 제출했다.",
             details=("서명에는 주민 {n}명이 참여한 것으로 알려졌다.",
                      "주민들은 생활권이 다른 지역과 묶이면 대표성이 약해진다고 주장했다.",
                      "획정위원회는 다음 달 최종안을 확정할 예정이다."),
             quote="인구 숫자만으로 지역의 목소리를 줄여서는 안 된다",
             subs=("\"생활권 다른 지역과 묶이면 대표성 약화\"", "획정위, 다음 달 최종안 확정"),
             caption="주민들이 서명부를 전달하고 있다"),
    ),
    "S1N2": (
        dict(title="{d}, 폭염 대비 무더위 쉼터 {n}곳 운영",
             lead="{d}는 여름철 폭염에 대비해 경로당과 주민센터 등 무더위 쉼터 {n}곳을 운영한다고 {day}일 밝혔다.",
             details=("쉼터는 오전 9시부터 오후 9시까지 문을 열고 주말에도 운영한다.",
                      "홀로 사는 어르신에게는 생활지원사가 매일 안부 전화를 건다.",
                      "{d}는 폭염특보가 내려지면 야외 작업을 자제해 달라고 당부했다."),
             quote="폭염에 취약한 주민이 한 명도 소외되지 않도록 살피겠다",
             subs=("오전 9시~오후 9시, 주말에도 운영", "홀몸 어르신 매일 안부 전화"),
             caption="{d}의 한 무더위 쉼터에서 어르신들이 더위를 피하고 있다"),
        dict(title="{d} 소방서, 전통시장 화재 안전 점검… {n}건 시정",
             lead="{d} 소방서는 관내 전통시장을 대상으로 화재 안전 점검을 벌여 {n}건의 불량 사항을 시정했다고 {day}일 밝혔다.",
             details=("낡은 전기 배선과 소화기 관리 부실이 가장 많았다.",
                      "소방서는 상인들에게 화재 발생 시 행동 요령도 교육했다.",
                      "점검은 겨울철 화재 위험이 높아지기 전에 마무리할 계획이다."),
             quote="전통시장은 점포가 밀집해 작은 불씨도 큰불로 번질 수 있다",
             subs=("낡은 배선·소화기 관리 부실 많아", "상인 대상 행동 요령 교육"),
             caption="소방대원들이 전통시장 점포의 전기 배선을 점검하고 있다"),
        dict(title="{d}, 1인 가구 안부 확인 서비스 시작",
             lead="{d}는 고독사를 예방하기 위해 홀로 사는 주민의 안부를 확인하는 서비스를 시작한다고 {day}일 밝혔다.",
             details=("전력 사용량과 통신 기록에 변화가 없으면 담당 공무원에게 알림이 간다.",
                      "신청한 주민에게는 일주일에 두 번 안부 전화도 건다.",
                      "{d}는 이웃 돌봄 봉사단과 함께 정기 방문도 늘리기로 했다."),
             quote="외롭게 생을 마감하는 이웃이 없도록 촘촘한 안전망을 만들겠다",
             subs=("전력·통신 사용 변화 없으면 알림", "주 2회 안부 전화·정기 방문"),
             caption="{d} 복지 담당 공무원이 홀몸 어르신 댁을 방문하고 있다"),
        dict(title="{d} 해안도로 낙석 사고… 차량 {s}대 파손",
             lead="{d}의 한 해안도로에서 낙석이 떨어져 지나던 차량 {s}대가 파손되는 사고가 났다.",
             details=("다행히 다친 사람은 없는 것으로 확인됐다.",
                      "도로관리청은 사고 구간의 통행을 막고 비탈면 긴급 점검에 들어갔다.",
                      "주민들은 이전부터 낙석 위험을 알렸다며 대책을 요구했다."),
             quote="비탈면 보강 공사를 서둘러 같은 사고가 되풀이되지 않게 하겠다",
             subs=("인명 피해는 없어", "사고 구간 통제·비탈면 긴급 점검"),
             caption="낙석 사고가 난 {d} 해안도로"),
        dict(title="{d}, 외국인 주민 지원센터 개소… {s}개 언어 통역",
             lead="{d}는 늘어나는 외국인 주민의 정착을 돕는 외국인 주민 지원센터를 열었다고 {day}일 밝혔다.",
             details=("센터는 {s}개 언어 통역과 생활 상담, 한국어 교육을 제공한다.",
                      "체류 자격과 노무 문제 상담도 전문가가 맡는다.",
                      "주말에도 문을 열어 일하는 외국인 주민이 이용하기 쉽게 했다."),
             quote="외국인 주민도 우리 지역의 당당한 구성원이다",
             subs=("통역·생활 상담·한국어 교육", "주말에도 운영"),
             caption="{d} 외국인 주민 지원센터 개소식"),
        dict(title="{d} 경찰, 보이스피싱 예방 캠페인… 피해 {n}% 줄어",
             lead="{d} 경찰서는 금융기관과 함께 보이스피싱 예방 캠페인을 벌인 결과 피해 건수가 {n}% 줄었다고 {day}일 밝혔다.",
             details=("경찰은 은행 창구 직원과 협력해 고액 인출 고객에게 주의 안내를 했다.",
                      "마을회관을 찾아 어르신 대상 예방 교육도 열었다.",
                      "최근에는 가족을 사칭한 문자 사기가 늘어 주의가 필요하다."),
             quote="모르는 번호로 온 문자의 링크는 절대 누르지 말아야 한다",
             subs=("은행 창구 직원과 협력", "가족 사칭 문자 사기 주의"),
             caption="경찰관이 어르신들에게 보이스피싱 예방법을 설명하고 있다"),
        dict(title="{d}, 반려동물 놀이터 조성… 내년 {m}월 개장",
             lead="{d}는 반려동물과 보호자가 함께 쉴 수 있는 반려동물 놀이터를 조성해 내년 {m}월 문을 연다고 {day}일 밝혔다.",
             details=("놀이터에는 대형견과 소형견 구역이 나뉘고 음수대와 그늘막이 들어선다.",
                      "이용은 동물등록을 마친 반려동물만 가능하다.",
                      "{d}는 펫티켓 교육 프로그램도 함께 운영할 계획이다."),
             quote="반려인과 비반려인이 함께 어울리는 문화를 만들겠다",
             subs=("대형견·소형견 구역 분리", "동물등록 마친 반려동물만"),
             caption="{d} 반려동물 놀이터 조감도"),
        dict(title="{d} 버스 노선 개편… 외곽 마을 하루 {s}회 늘려",
             lead="{d}는 외곽 마을 주민의 교통 불편을 덜기 위해 시내버스 노선을 개편하고 운행을 하루 {s}회 늘린다고 {day}일 밝혔다.",
             details=("개편안은 다음 달 1일부터 시행된다.",
                      "이용객이 적은 노선에는 수요응답형 버스를 투입한다.",
                      "바뀐 시간표는 정류장과 누리집에 안내된다."),
             quote="버스를 기다리는 시간이 줄어드는 것을 주민이 체감하게 하겠다",
             subs=("다음 달 1일 시행", "수요응답형 버스 투입"),
             caption="{d} 시내버스 정류장"),
    ),
    "S2N3": (
        dict(title="{d} 교육지원청, 작은 학교 살리기 {n}억 원 지원",
             lead="{d} 교육지원청은 학생 수가 줄어드는 작은 학교를 살리기 위해 {n}억 원을 지원한다고 {day}일 밝혔다.",
             details=("지원금은 특색 교육과정 운영과 통학 차량, 돌봄 프로그램에 쓰인다.",
                      "도시 학생이 전학 오면 가족 주거도 함께 지원한다.",
                      "교육지원청은 학부모 설명회를 열어 사업을 알릴 계획이다."),
             quote="작은 학교가 지역 공동체의 중심으로 남도록 돕겠다",
             subs=("특색 교육과정·통학 차량·돌봄", "전학 가족 주거도 지원"),
             caption="{d}의 한 작은 학교 학생들이 수업을 듣고 있다"),
        dict(title="{d}, 초등 돌봄교실 {s}곳 추가… 맞벌이 가정 숨통",
             lead="{d}는 초등학생 돌봄 수요가 늘어남에 따라 돌봄교실 {s}곳을 추가로 연다고 {day}일 밝혔다.",
             details=("돌봄교실은 오후 7시까지 운영되며 간식과 저녁도 제공한다.",
                      "우선 맞벌이와 한부모 가정 자녀를 받는다.",
                      "신청은 각 학교와 주민센터에서 할 수 있다."),
             quote="아이 돌봄 걱정 때문에 일을 포기하는 부모가 없어야 한다",
             subs=("오후 7시까지 운영·저녁 제공", "맞벌이·한부모 가정 우선"),
             caption="{d}의 한 초등 돌봄교실"),
        dict(title="{d} 고교생 {n}명, 지역 대학 진로 캠프 참가",
             lead="{d} 지역 고등학생 {n}명이 지역 대학이 마련한 진로 캠프에 참가했다.",
             details=("학생들은 전공 체험 수업과 선배와의 대화에 참여했다.",
                      "캠프는 지역 인재가 지역 대학으로 진학하도록 돕기 위해 마련됐다.",
                      "대학은 캠프 참가 학생에게 장학 혜택도 안내했다."),
             quote="지역에서 배우고 지역에서 일하는 길을 보여 주고 싶었다",
             subs=("전공 체험·선배와의 대화", "참가 학생에 장학 혜택 안내"),
             caption="진로 캠프에 참가한 {d} 고교생들"),
        dict(title="{d}, 폐교 활용한 농촌 유학센터 문 열어",
             lead="{d}는 문을 닫은 학교 건물을 고쳐 도시 학생이 머물며 공부하는 농촌 유학센터로 문을 열었다고 {day}일 밝혔다.",
             details=("센터에는 학생 숙소와 공부방, 텃밭이 마련됐다.",
                      "유학 온 학생은 인근 학교에 다니며 농촌 체험 활동을 한다.",
                      "첫 학기에는 도시 학생 20여 명이 입소했다."),
             quote="폐교가 다시 아이들 웃음소리로 채워지게 됐다",
             subs=("숙소·공부방·텃밭 갖춰", "첫 학기 도시 학생 20여 명 입소"),
             caption="{d} 농촌 유학센터 개소식"),
    ),
    "S1N3": (
        dict(title="{d}, 농공단지 입주기업 {n}곳 유치",
             lead="{d}는 올해 농공단지에 기업 {n}곳을 새로 유치해 분양률이 크게 올랐다고 {day}일 밝혔다.",
             details=("입주 기업은 식품 가공과 친환경 소재 업체가 대부분이다.",
                      "{d}는 입주 기업에 설비 투자 보조금과 세제 혜택을 준다.",
                      "새로 생기는 일자리는 300여 개로 예상된다."),
             quote="기업이 찾아오는 지역을 만들어 청년 일자리를 늘리겠다",
             caption=""),
        dict(title="{d} 전통시장 상품권 매출 {n}% 늘어",
             lead="{d} 전통시장의 상품권 매출이 지난해보다 {n}% 늘어난 것으로 나타났다.",
             details=("명절 할인 판매와 배달 서비스 도입이 매출 증가를 이끌었다.",
                      "시장 상인회는 주차장 확충과 시설 현대화를 요구하고 있다.",
                      "{d}는 내년에도 상품권 할인 판매를 이어 갈 계획이다."),
             quote="시장을 찾는 손님이 늘어 상인들도 힘을 얻고 있다",
             caption=""),
        dict(title="{d}산 김 수출 {n}00만 달러 돌파",
             lead="{d}에서 생산한 김의 수출액이 올해 처음으로 {n}00만 달러를 넘어섰다.",
             details=("수출 대상국은 미국과 일본, 동남아시아 등 20여 개국이다.",
                      "조미김과 스낵김 같은 가공 제품의 비중이 높아졌다.",
                      "{d}는 수출 물류비와 해외 박람회 참가비를 지원하고 있다."),
             quote="바다에서 키운 김이 세계 식탁에 오르고 있다",
             caption=""),
        dict(title="{d}, 소상공인 특례보증 {n}억 원 지원",
             lead="{d}는 경기 침체로 어려움을 겪는 소상공인을 위해 {n}억 원 규모의 특례보증을 지원한다고 {day}일 밝혔다.",
             details=("업체당 최대 5천만 원까지 보증을 받을 수 있다.",
                      "대출 이자의 일부는 {d}가 2년 동안 대신 내준다.",
                      "신청은 지역 신용보증재단 지점에서 받는다."),
             quote="자금난을 겪는 소상공인에게 숨통을 틔워 주겠다",
             caption=""),
        dict(title="{d} 관광객 {n}만 명 다녀가… 지역 경제 활력",
             lead="올해 {d}를 찾은 관광객이 {n}만 명을 넘어선 것으로 집계됐다.",
             details=("축제 기간에 관광객이 몰리면서 숙박과 음식점 매출이 크게 늘었다.",
                      "체류형 관광 상품이 인기를 끌며 머무는 시간도 길어졌다.",
                      "{d}는 관광 안내소와 주차장을 늘릴 계획이다."),
             quote="다시 찾고 싶은 관광지가 되도록 손님맞이를 준비하겠다",
             caption=""),
        dict(title="{d}, 청년 창업 R&D 지원에 {s}억 원 투입",
             lead="{d}는 청년 창업 기업의 연구개발(R&D)을 돕기 위해 {s}억 원을 투입한다고 {day}일 밝혔다.",
             details=("지원 대상은 창업 7년 이내의 청년 기업이다.",
                      "선정된 기업은 시제품 제작과 특허 출원 비용을 지원받는다.",
                      "{d}는 창업 보육센터 입주 공간도 넓히기로 했다."),
             quote="좋은 아이디어가 사업으로 이어지도록 끝까지 돕겠다",
             caption=""),
        dict(title="{d} 수산물 위판액 {n}억 원… 지난해보다 늘어",
             lead="{d} 수협의 올해 수산물 위판액이 {n}억 원을 기록해 지난해보다 늘었다.",
             details=("전복과 낙지의 위판 물량이 크게 늘었다.",
                      "수협은 냉동 창고를 새로 지어 가격 안정에 나섰다.",
                      "어민들은 기름값 상승으로 수익은 크게 늘지 않았다고 말했다."),
             quote="어민 소득이 실제로 늘어나도록 유통 구조를 개선하겠다",
             caption=""),
    ),
}

_CLOSING = {
    "S1N1": "{d}의회는 다음 회기에서 관련 안건을 다시 다룰 예정이다.",
    "S1N2": "자세한 내용은 {d} 누리집이나 민원 콜센터로 문의하면 된다.",
    "S2N3": "자세한 내용은 {d} 교육지원청 누리집에서 확인할 수 있다.",
    "S1N3": "{d}는 관련 사업의 성과를 분석해 내년 계획에 반영할 방침이다.",
}

# Two more paragraphs of every article: the background, then the reaction.
_BACKGROUND = {
    "S1N1": ("지역 정가에서는 이번 일이 내년 지방선거를 앞두고 적지 않은 파장을 부를 것이라는 관측이 나온다.",
             "시민단체들도 논의 과정을 주민에게 투명하게 공개해야 한다며 의회와 집행부의 소통을 주문했다."),
    "S1N2": ("주민들은 이번 일을 계기로 행정이 생활 현장을 더 세심하게 살펴 주기를 바란다는 반응을 보였다.",
             "다만 일부에서는 홍보가 부족해 정작 도움이 필요한 주민이 내용을 모른다는 지적도 나온다."),
    "S2N3": ("학부모들은 환영의 뜻을 밝혔다. 한 학부모는 \"아이를 믿고 맡길 곳이 늘어 든든하다\"고 말했다.",
             "교육계에서는 일회성 사업에 그치지 않도록 안정적인 예산 확보가 뒤따라야 한다는 목소리가 나온다."),
    "S1N3": ("지역 경제계는 이번 성과가 일자리와 소득 증가로 이어질 수 있도록 후속 지원이 필요하다고 입을 모았다.",
             "전문가들은 인구 감소와 고령화 속에서 지역 산업의 체질을 바꾸는 노력이 함께 가야 한다고 조언했다."),
}

# Characters outside CP949, only ever in UTF-8 pages (current skin).
_NON_CP949_PARAGRAPHS = (
    "후속 조치로는 ▴현장 점검 확대 ▴주민 설명회 개최 ▴추가 예산 확보 등이 거론된다.",
    "소식이 알려지자 지역 온라인 커뮤니티에는 '좋아요 👍' 반응이 잇따랐다.",
)

# --------------------------------------------------------------------------------------------------------------
# The publication schedule: positions 0.. in publication order, idxno = FIRST_IDXNO + position (dense ids).

FIRST_IDXNO = 24501
_TABLE_COUNT = 22  # positions 0-21: S1N3 (EUC-KR table layout), 2014-2016
_UC_COUNT = 18  # positions 22-39: user-container skin, S1N1 / S1N2 alternating, 2016-2019
_CURRENT_COUNT = 66  # positions 40-105: current skin (2020-2026), two of them notices
_TOTAL = _TABLE_COUNT + _UC_COUNT + _CURRENT_COUNT
_DELETED_POSITION = 80
_UNAPPROVED_POSITION = 102

# Chosen positions (all current skin unless noted).
_TWO_REPORTERS = (47, 91)  # '홍길동·김철수 기자' style bylines
_NON_CP949 = {60: 0, 99: 1}  # position -> which _NON_CP949_PARAGRAPHS
_MESSY_TITLE = {53: "zero_width", 71: "double_space"}
_NBSP_PARAGRAPH = (65,)
_UNLISTED_S1N1_ORDINAL = 24  # the 25th S1N1 article (current skin, mid-chain): reachable only by prev/next
_NO_CAPTION = (45, 77)  # a figure.photo-layout without figcaption (caption None)


def _published(position: int) -> datetime:
    if position < _TABLE_COUNT:
        start, step, i = datetime(2014, 1, 6), 41, position
    elif position < _TABLE_COUNT + _UC_COUNT:
        start, step, i = datetime(2016, 9, 5), 66, position - _TABLE_COUNT
    else:
        start, step, i = datetime(2020, 1, 8), 34, position - _TABLE_COUNT - _UC_COUNT
    return start + timedelta(days=step * i, hours=7 + (position * 5) % 13, minutes=(position * 17) % 60)


def _kst(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+09:00"


def _email(name: str) -> str:
    return f"{_HANDLES[name]}@{EMAIL_DOMAIN}"


def _schedule() -> list[tuple[int, str]]:
    """(position, kind) with kind a top-level code, 'deleted' or 'unapproved'."""
    slots = []
    for position in range(_TOTAL):
        if position < _TABLE_COUNT:
            slots.append((position, "S1N3"))
        elif position < _TABLE_COUNT + _UC_COUNT:
            slots.append((position, ("S1N1", "S1N2")[(position - _TABLE_COUNT) % 2]))
        elif position == _DELETED_POSITION:
            slots.append((position, "deleted"))
        elif position == _UNAPPROVED_POSITION:
            slots.append((position, "unapproved"))
        else:
            current = sum(1 for p, k in slots if p >= _TABLE_COUNT + _UC_COUNT and k.startswith("S1N"))
            slots.append((position, ("S1N2", "S1N1")[current % 2]))
    return slots


def _skin(position: int) -> str:
    if position < _TABLE_COUNT:
        return SKIN_TABLE
    return SKIN_USER_CONTAINER if position < _TABLE_COUNT + _UC_COUNT else SKIN_CURRENT


def _build_article(position: int, ordinal: int, code: str, sub_ordinal: int | None) -> dict:
    section = _SECTION_BY_CODE[code]
    skin = _skin(position)
    idx = FIRST_IDXNO + position
    published = _published(position)
    topic_key = "S2N3" if sub_ordinal is not None else code
    topics = _TOPICS[topic_key]
    topic_ordinal = sub_ordinal if sub_ordinal is not None else ordinal
    topic = topics[topic_ordinal % len(topics)]
    place = _PLACES[(topic_ordinal * 5 + topic_ordinal // len(topics) * 3 + len(topic_key) + int(code[-1])) % len(_PLACES)]
    values = {"d": place, "head": place + ("장" if place.endswith("시") else "수"), "n": 10 + (position * 37) % 90,
              "s": 3 + position % 7, "m": published.month % 12 + 1, "day": published.day}
    # "{d}는" fits 시 (ends in a vowel); a 군 takes 은.  "{head}이" fits 시장/군수 both.
    fill = lambda template: template.format(**values).replace("군는 ", "군은 ").replace("군가 ", "군이 ") \
        .replace("수이 ", "수가 ").replace("수은 ", "수는 ").replace("군를 ", "군을 ")  # noqa: E731
    features: set[str] = {f"skin_{skin.replace('-', '_')}"}

    reporters = _REPORTERS[topic_key]
    name = reporters[(ordinal * 2 + position // 3) % len(reporters)]
    names = [name]
    if position in _TWO_REPORTERS:
        names = ["홍길동", "김철수"]
        features.add("two_reporters")

    title = fill(topic["title"])
    title_raw = title
    if _MESSY_TITLE.get(position) == "zero_width":
        title_raw = title.replace(" ", " \u200b", 1)
        features.add("messy_title")
    elif _MESSY_TITLE.get(position) == "double_space":
        title_raw = title.replace(" ", "  ", 1)
        features.add("messy_title")

    head = values["head"] + ("은" if values["head"].endswith("장") else "는")
    speaker = (f"{place} 관계자는", head, "담당 과장은")[position % 3] if code != "S1N1" else \
        (f"{place}의회 의장은", head, f"{place} 관계자는")[position % 3]
    details = [fill(d) for d in topic["details"]]
    background, reaction = _BACKGROUND[topic_key]
    paragraphs = [fill(topic["lead"]), f"{details[0]} {details[1]}", f"{speaker} “{fill(topic['quote'])}”고 말했다.",
                  details[2], background, reaction, fill(_CLOSING[topic_key])]
    if position % 4 == 2:
        paragraphs = paragraphs[:6] + [f"이번 계획은 {published.year}년 하반기까지 단계적으로 추진된다."] + paragraphs[6:]
    if position in _NON_CP949:
        paragraphs.insert(2, _NON_CP949_PARAGRAPHS[_NON_CP949[position]])
        features.add("non_cp949")
    raw_paragraphs = list(paragraphs)
    if position in _NBSP_PARAGRAPH:
        raw_paragraphs[1] = raw_paragraphs[1].replace(" ", "\u00a0 ", 2)
        features.add("nbsp_paragraph")

    subtitles: list[str] = []
    modified = None
    images: list[dict] = []
    srcs: list[str] = []
    tts = multi = faq = False
    credit = None
    email = None
    if skin == SKIN_CURRENT:
        subtitles = [fill(s) for s in topic["subs"][: (0, 1, 2, 1, 0, 1)[position % 6]]]
        if position % 4 == 1:
            modified = published + timedelta(hours=2 + position % 9, minutes=(position * 13) % 60)
        photo_count = (1, 0, 2, 1, 0)[position % 5]
        tts = position % 3 == 0
        multi = position % 8 == 2
        faq = position % 9 == 5
        if photo_count and position % 5 in (0, 3):
            credit = f"(사진={place})" if position % 2 else f"(사진={name} 기자)"
    elif skin == SKIN_USER_CONTAINER:
        i = position - _TABLE_COUNT
        email = None if i % 4 == 1 else _email(name)
        if i % 3 == 0:
            modified = published + timedelta(days=1, hours=position % 5, minutes=(position * 7) % 60)
        photo_count = 1 if i % 3 == 2 else 0
        if photo_count and i % 2:
            credit = f"(사진={place})"
    else:
        email = _email(name)
        photo_count = 0
    caption_template = topic.get("caption") or "{d} 전경"
    for number in range(photo_count):
        path = f"/news/photo/{published:%Y%m}/{idx}_{idx * 3 + number}_{published:%H%M}.jpg"
        caption = None if (number == 0 and position in _NO_CAPTION) else \
            (fill(caption_template) if number == 0 else f"{place} 현장 모습")
        images.append({"url": path, "caption": caption})
        srcs.append(("{base}" + path) if position % 3 == 2 else path)
    if images:
        features.add("photo")
        if len(images) > 1:
            features.add("two_photos")
        if any(image["caption"] is None for image in images):
            features.add("photo_without_caption")
        if any(src.startswith("{base}") for src in srcs):
            features.add("photo_absolute_src")

    role = "기자"
    reporter = "·".join(names) + f" {role}"
    if skin == SKIN_CURRENT:
        byline_raw = reporter
        authors = [{"name": n, "role": role, "email": None} for n in names]
        published_raw = f"입력 {published:%Y.%m.%d %H:%M}"
        modified_raw = f"수정 {modified:%Y.%m.%d %H:%M}" if modified else None
    else:
        byline_raw = f"{reporter} {email}" if email else reporter
        authors = [{"name": name, "role": role, "email": email}]
        published_raw = f"승인 {published:%Y.%m.%d %H:%M}"
        modified_raw = f"updated. {modified:%Y-%m-%d %H:%M} ({_WEEKDAYS[modified.weekday()]})" if modified else None
        features.add("reporter_email" if email else "reporter_without_email")
    if subtitles:
        features.add("subtitle")
        if len(subtitles) > 1:
            features.add("two_subtitles")
    if modified:
        features.add("modified")
    for flag, tag in ((tts, "tts_line"), (credit, "photo_credit"), (multi, "figure_img_multi"), (faq, "faq_box")):
        if flag:
            features.add(tag)
    return dict(
        idx=idx, section=section.name, mcode=section.mcode, skin=skin, title=clean_text(title_raw), title_raw=title_raw,
        subtitles=subtitles, byline_raw=byline_raw, authors=authors, published_raw=published_raw,
        published_at=_kst(published), modified_raw=modified_raw, modified_at=_kst(modified) if modified else None,
        paragraphs=[clean_text(p) for p in paragraphs], raw_paragraphs=raw_paragraphs, images=images,
        image_srcs=tuple(srcs), position=position, reporter=reporter, tts=tts, photo_credit=credit, multi_photo=multi,
        faq=faq, features=features, sub_code="S2N3" if sub_ordinal is not None else None,
    )


def _notice(position: int, kind: str) -> Notice:
    published = _published(position)
    if kind == "deleted":
        return Notice(FIRST_IDXNO + position, "deleted_notice", "목포시, 공공기관 채용 감사 결과 공개", "사회", "S1N2",
                      "이준호 기자", _kst(published))
    return Notice(FIRST_IDXNO + position, "unapproved_notice", "여수시, 섬 지역 여객선 증편 추진", "사회", "S1N2",
                  "박서연 기자", _kst(published))


def _build() -> tuple[list[NdsoftArticle], list[Notice]]:
    drafts, notices = [], []
    ordinals: dict[str, int] = {}
    for position, kind in _schedule():
        if kind in {"deleted", "unapproved"}:
            notices.append(_notice(position, kind))
            continue
        ordinal = ordinals.get(kind, 0)
        ordinals[kind] = ordinal + 1
        sub_ordinal = None
        if kind == "S1N2" and _skin(position) == SKIN_CURRENT:
            current_ordinal = ordinals.get("S1N2-current", 0)
            ordinals["S1N2-current"] = current_ordinal + 1
            if current_ordinal % 4 == 1:
                sub_ordinal = ordinals.get("S2N3", 0)
                ordinals["S2N3"] = sub_ordinal + 1
        draft = _build_article(position, ordinal, kind, sub_ordinal)
        draft["listed"] = not (kind == "S1N1" and ordinal == _UNLISTED_S1N1_ORDINAL)
        if not draft["listed"]:
            draft["features"].add("unlisted")
        if sub_ordinal is not None:
            draft["features"].add("sub_section")
        drafts.append(draft)

    articles: list[NdsoftArticle] = []
    for section in SECTIONS:
        chain = [d for d in drafts if d["mcode"] == section.mcode]  # oldest first
        listed_chain = [d for d in chain if d["listed"]]
        for number, draft in enumerate(chain):
            features = draft["features"]
            if number == 0:
                features.add("first_in_section")
            if number == len(chain) - 1:
                features.add("last_in_section")
            related: tuple[int, ...] = ()
            if draft["skin"] == SKIN_CURRENT and draft["position"] % 6 == 4:
                older = [d["idx"] for d in listed_chain if d["position"] < draft["position"]][-3:]
                related = tuple(reversed(older))
                if related:
                    features.add("related_box")
            articles.append(NdsoftArticle(
                **{**draft, "features": frozenset(features)}, related=related,
                prev_idx=chain[number - 1]["idx"] if number > 0 else None,
                next_idx=chain[number + 1]["idx"] if number + 1 < len(chain) else None,
            ))
    articles.sort(key=lambda a: a.idx)
    _check(articles, notices)
    return articles, notices


def _check(articles: list[NdsoftArticle], notices: list[Notice]) -> None:
    ids = [a.idx for a in articles] + [n.idx for n in notices]
    assert sorted(ids) == list(range(FIRST_IDXNO, FIRST_IDXNO + _TOTAL)), "idxnos are dense"
    _titles = [a.title for a in articles] + [n.title for n in notices]
    assert len(set(_titles)) == len(ids), [(a.idx, a.title) for a in articles if _titles.count(a.title) > 1]
    for article in articles:
        assert [clean_text(p) for p in article.paragraphs] == article.paragraphs, article.idx
        assert "이전" not in article.title and "다음" not in article.title, article.idx
        if article.skin == SKIN_TABLE:
            # The EUC-KR pages: strict EUC-KR (KS X 1001), so any EUC-KR/CP949 decoder reads them.
            for text in (article.title, *article.raw_paragraphs, article.byline_raw):
                text.encode("euc-kr")
        assert ("non_cp949" in article.features) == any(
            _not_cp949(text) for text in (article.title, *article.paragraphs)), article.idx


def _not_cp949(text: str) -> bool:
    try:
        text.encode("cp949")
    except UnicodeEncodeError:
        return True
    return False


ARTICLES, NOTICES = _build()
ARTICLES_BY_IDX: dict[int, NdsoftArticle] = {a.idx: a for a in ARTICLES}
# idxnos listed on a list page whose page is a notice: idxno -> reason.
GONE: dict[int, str] = {n.idx: n.reason for n in NOTICES}
UNAPPROVED_IDX: int = next(idx for idx, reason in GONE.items() if reason == "unapproved_notice")
DELETED_IDX: int = next(idx for idx, reason in GONE.items() if reason == "deleted_notice")
UNLISTED_IDX: tuple[int, ...] = tuple(a.idx for a in ARTICLES if not a.listed)
VARIATIONS: dict[str, list[int]] = {
    tag: sorted(a.idx for a in ARTICLES if tag in a.features)
    for tag in sorted({tag for a in ARTICLES for tag in a.features})
}
DATA = NdsoftSiteData(SECTIONS, ARTICLES, NOTICES, SUB_SECTIONS)


def bom_in_feed(article: NdsoftArticle) -> bool:
    """Whether the feeds print this article's title after a byte-order mark (U+FEFF), as some outlets do."""
    return article.position % 7 == 0


def expected_items(base_url: str) -> list[dict]:
    """`expected(base_url)` of every site-N article, in idxno order."""
    return [article.expected(base_url) for article in ARTICLES]


def gone_items() -> list[dict]:
    """The idxnos a list page shows whose page says the article is not there: [{'article_id', 'reason'}]."""
    return [{"article_id": str(n.idx), "reason": n.reason} for n in sorted(NOTICES, key=lambda n: n.idx)]
