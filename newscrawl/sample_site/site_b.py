"""Site B of the sample family, "경북새벽신문" (fictional): a regional daily on the older skin of the same CMS.

Its articles and ground truth, built like site A's (content.py) and deterministic; the HTML is in pages_b.py.
It is meant to be served on another loopback host than site A (HOST = 127.0.0.2), so a crawler sees two hosts.

Ground-truth conventions: those of content.py, with these differences, each a real variation of the CMS:

* `images[].url` in the expected item is `urljoin(article URL, src as printed)` (`DawnArticle.expected_images`);
  `images[].url` in the data stays the path on the site, '/data/photos/...'.
* A reporter's e-mail printed as the body's last paragraph ('홍길동 기자 hong@gbdawn.co.kr' or just the address,
  features `email_at_body_end` / `email_only_at_body_end`) is NOT part of the expected body (site A keeps its
  signature paragraph: a crawler needs a per-site rule here); the e-mail goes to the author.
* Lists show PAGE_SIZE = 15 entries and are paged by a base64 `board_data` offset (see `board_data`); `&page=N`
  is ignored.

Features (rendering switches and variation tags; `VARIATIONS` maps each to the idx values that show it):

* previous/next markup, exactly one per article: `prevnext_dl` (`dl.prev > dt 이전기사 + dd > a TITLE`),
  `prevnext_label_in_link` (`p.prev > a "◀ 이전기사 : TITLE"`), `prevnext_label_beside`
  (`li > span "이전 기사" + a TITLE`).  A missing neighbour prints the label and a "...가 없습니다" text, no link.
* `most_read_trap`: the most-read box's first entry is NEXT_WEEK_IDX, titled "다음 주부터 ..." (no other article
  page's side boxes list it); `title_next_week` is that article, `next_week_neighbour` the articles whose
  previous/next link carries its title.
* `byline_in_date_box`: the byline is a `span` in the first `div.registModifyDate li`, no `div.else-area`.
* `profile_box`: a `div.writerProfile > strong.writer` under the body; `email_in_profile_link` (a mailto link
  beside the strong) and `email_in_profile_text` (a `span` beside it) add the reporter's e-mail there.
* `email_at_body_end`, `email_only_at_body_end`: see above.
* `subj_in_title_wrap`, `subj_before_body`: `ul.subj` sub-headlines inside `div.titleWrap`, or between it and
  `div#viewContent` (never inside the body box).
* `img_caption_p`, `img_caption_br`, `img_caption_no_caption`: the first photo in `div#img_caption` before
  `div#viewContent`, its caption in a `p`, as text after `<br>`, or none; `photo_in_body`: a second photo, without
  caption, inside the body.
* `edited` (a `기사수정` li), `role_not_reporter` (논설위원, 객원기자), `quoted_title` (quotes or backticks),
  `coinciding_idx` (idx equal to a site-A article's, see COINCIDING_IDX).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urljoin

from .content import SampleArticle, Section, SiteData, clean_text

SITE_NAME = "경북새벽신문"
EMAIL_DOMAIN = "gbdawn.co.kr"
HOST = "127.0.0.2"
PAGE_SIZE = 15
COPYRIGHT_LINE = "저작권자 © 경북새벽신문 무단전재 및 재배포 금지"

SECTIONS = [
    Section("지역", "mrgn24k"),
    Section("경제", "mec9wq"),
    Section("문화", "mcu7z2b"),
]
_SECTION_BY_NAME = {s.name: s for s in SECTIONS}

_TOTAL = 50
# Publication order cycles through this pattern: 지역 33, 경제 9, 문화 8 articles.
_PATTERN = ("지역", "경제", "지역", "문화", "지역", "지역")
# Not on any list page, home box or side box (reachable only by previous/next links): the oldest 지역 article and
# the newest 경제 article.
_UNLISTED_POSITIONS = (0, 49)

# Two articles carry idx values that site A uses too (828 is site A's reference article, 834 another of its
# articles), so a crawler that keys its state by bare article id, not by site and id, mixes the two sites up.
_COINCIDING = {20: 828, 33: 834}
COINCIDING_IDX: tuple[int, ...] = tuple(sorted(_COINCIDING.values()))
# An idx that the home page links to and that the CMS has deleted (served as the "deleted article" page).
DELETED_IDX: tuple[int, ...] = (30514,)

_NEXT_WEEK_POSITION = 8  # the article titled "다음 주부터 ..."
_TRAP_POSITION = 30  # the article whose most-read box starts with it

_HANDLES = {
    "홍길동": "hong", "권민호": "kwon", "배수진": "bae", "서동혁": "seo", "장하늘": "jang", "노은비": "noh",
    "황보석": "hwangbo", "안재현": "ahn", "유리아": "yoo",
}
_REPORTERS = {
    "지역": ("홍길동", "권민호", "배수진"),
    "경제": ("서동혁", "장하늘"),
    "문화": ("노은비", "황보석"),
}
_PLACES = {
    "지역": ("포항시", "경주시", "영덕군", "울진군", "경산시", "구미시", "안동시", "영천시"),
    "경제": ("포항시", "구미시", "경산시", "경주시", "영천시", "안동시", "칠곡군", "김천시"),
    "문화": ("경주시", "안동시", "포항시", "영주시", "상주시", "문경시", "청도군", "고령군"),
}

# Each topic: title, lead, three detail sentences, a quote (ends in 다), two sub-headlines.
# Placeholders: {d} city/county, {head} 시장/군수, {n} 10-99, {s} 3-9, {m} a month, {day} day of month.
_TOPICS = {
    "지역": (
        dict(title="{d}, 여름 해수욕장 안전요원 {n}명 배치… 야간 입수 금지",
             lead="{d}는 여름철 해수욕장 개장을 앞두고 안전요원 {n}명을 주요 해변에 배치한다고 {day}일 밝혔다.",
             details=("안전요원은 수상 구조 자격을 갖춘 인력으로 오전 9시부터 오후 7시까지 근무한다.",
                      "{d}는 해변마다 구명조끼 무료 대여소를 두고 이안류 위험 안내판도 새로 설치했다.",
                      "일몰 뒤 입수는 전면 금지되며 어기면 과태료가 부과된다."),
             quote="피서객 모두가 안심하고 바다를 즐길 수 있도록 안전 관리에 총력을 다하겠다",
             subs=("안전요원 {n}명, 오전 9시~오후 7시 근무", "구명조끼 무료 대여소·이안류 안내판 설치")),
        dict(title="{d}, 농촌 빈집 {n}채 정비… 귀농인 임대주택으로",
             lead="{d}는 방치된 농촌 빈집 {n}채를 고쳐 귀농·귀촌인에게 저렴하게 빌려주는 사업을 시작한다고 {day}일 밝혔다.",
             details=("정비를 마친 집은 최장 5년간 월 10만 원 안팎의 임대료로 빌려준다.",
                      "집주인은 리모델링 비용을 지원받는 대신 일정 기간 임대에 동의해야 한다.",
                      "철거가 필요한 빈집 터는 마을 주차장이나 쉼터로 바꾼다."),
             quote="빈집이 마을의 흉물이 아니라 새 이웃을 맞는 보금자리가 되길 바란다",
             subs=("최장 5년간 월 10만 원 안팎 임대", "철거 빈집 터는 마을 주차장·쉼터로")),
        dict(title="{d} 전통시장 공영주차장 {n}면 확충 공사 착공",
             lead="{d}는 전통시장 이용객의 주차난을 덜기 위해 공영주차장 {n}면을 늘리는 공사를 시작했다고 {day}일 밝혔다.",
             details=("새 주차장은 지상 3층 규모로 올해 말 완공될 예정이다.",
                      "시장 이용객은 구매 영수증을 보여주면 2시간까지 무료로 주차할 수 있다.",
                      "공사 기간에는 인근 학교 운동장을 임시 주차장으로 개방한다."),
             quote="시장을 찾는 발걸음이 주차 걱정 없이 가벼워지도록 하겠다",
             subs=("지상 3층 규모… 올해 말 완공", "영수증 있으면 2시간 무료")),
        dict(title='{d}, "지진 대피소 {n}곳 재정비"… 주민 대피 훈련도',
             lead="{d}는 지진에 대비해 관내 지진 옥외 대피소 {n}곳을 다시 정비하고 주민 대피 훈련을 연다고 {day}일 밝혔다.",
             details=("대피소 안내 표지판을 야간에도 보이는 축광형으로 바꾸고 비상 급수 시설을 점검했다.",
                      "훈련은 읍면동별로 진행되며 어린이와 어르신을 위한 체험 교육도 함께 열린다.",
                      "대피소 위치는 재난안전 앱과 마을 방송으로 안내한다."),
             quote="지진은 예고 없이 찾아오는 만큼 평소 훈련이 가장 확실한 대비책이다",
             subs=("안내 표지판 축광형으로 교체", "읍면동별 대피 훈련·체험 교육")),
        dict(title="{d}, 어르신 무료 셔틀버스 {s}개 노선 운행",
             lead="{d}는 대중교통이 불편한 외곽 마을 어르신을 위해 무료 셔틀버스 {s}개 노선을 운행한다고 {day}일 밝혔다.",
             details=("셔틀버스는 마을회관과 보건지소, 전통시장을 하루 네 차례 오간다.",
                      "만 65세 이상 주민은 신분증만 보여주면 누구나 탈 수 있다.",
                      "{d}는 이용 실적을 분석해 노선을 늘릴지 결정할 계획이다."),
             quote="교통 불편 때문에 병원과 시장 가기를 미루는 어르신이 없도록 하겠다",
             subs=("마을회관·보건지소·전통시장 하루 네 차례", "만 65세 이상 신분증만 있으면 무료")),
        dict(title="{d}, 도심 하천 정비에 {n}억 원 투입… 산책로 조성",
             lead="{d}는 도심을 가로지르는 하천의 수질을 개선하고 산책로를 만드는 데 {n}억 원을 들인다고 {day}일 밝혔다.",
             details=("하천 바닥의 퇴적물을 걷어내고 생태 습지를 조성해 수질을 높인다.",
                      "둔치에는 자전거도로와 야간 조명을 갖춘 산책로가 들어선다.",
                      "공사는 홍수기를 피해 가을부터 단계적으로 진행된다."),
             quote="시민들이 가까운 하천에서 쉬고 걸을 수 있는 공간을 돌려드리겠다",
             subs=("퇴적물 준설·생태 습지 조성", "자전거도로·야간 조명 산책로")),
        dict(title="{d} 보건소 '야간 진료' 확대… 평일 밤 9시까지",
             lead="{d} 보건소는 직장인과 학생의 편의를 위해 평일 야간 진료 시간을 밤 9시까지 늘린다고 {day}일 밝혔다.",
             details=("야간에는 일반 진료와 예방접종, 만성질환 상담을 받을 수 있다.",
                      "보건소는 전담 의사와 간호사를 추가로 채용해 대기 시간을 줄였다.",
                      "진료 예약은 전화나 누리집에서 할 수 있다."),
             quote="낮에 시간을 내기 어려운 주민도 편하게 진료받을 수 있게 됐다",
             subs=("일반 진료·예방접종·만성질환 상담", "전담 의사·간호사 추가 채용")),
        dict(title="{d}, 청년 월세 지원 {n}0명 추가 모집",
             lead="{d}는 청년의 주거비 부담을 덜기 위해 월세 지원 대상 {n}0명을 추가로 모집한다고 {day}일 밝혔다.",
             details=("만 19세부터 39세까지 무주택 청년은 최대 12개월간 월 20만 원을 받을 수 있다.",
                      "신청은 읍면동 행정복지센터나 온라인으로 하면 된다.",
                      "{d}는 지원을 받은 청년의 지역 정착률도 함께 조사할 예정이다."),
             quote="청년들이 지역에 머물며 꿈을 키울 수 있도록 주거 부담부터 덜어주겠다",
             subs=("무주택 청년 최대 12개월 월 20만 원", "행정복지센터·온라인 신청")),
    ),
    "경제": (
        dict(title="{d} 중소기업 수출 상담회에 {n}개사 참가",
             lead="{d}는 관내 중소기업의 해외 판로를 넓히기 위한 수출 상담회에 {n}개 기업이 참가했다고 {day}일 밝혔다.",
             details=("상담회에는 동남아시아와 중동 지역 바이어가 참석해 기업별로 1대1 상담을 진행했다.",
                      "{d}는 계약으로 이어진 기업에 물류비와 통역비를 지원한다.",
                      "하반기에는 온라인 화상 상담회도 열 계획이다."),
             quote="지역 기업의 우수한 제품이 세계 시장에서 제값을 받도록 돕겠다",
             subs=("동남아·중동 바이어 1대1 상담", "계약 기업에 물류비·통역비 지원")),
        dict(title="{d}, 소상공인 카드수수료 ‘최대 {s}0만 원’ 지원",
             lead="{d}는 매출이 줄어든 소상공인에게 카드 결제 수수료를 최대 {s}0만 원까지 돌려준다고 {day}일 밝혔다.",
             details=("지원 대상은 연 매출 3억 원 이하인 관내 소상공인이다.",
                      "지난해 카드 매출 실적을 기준으로 수수료의 일부를 현금으로 지급한다.",
                      "신청은 온라인 접수처에서 사업자등록증과 통장 사본을 내면 된다."),
             quote="작은 금액이지만 어려운 시기를 견디는 데 보탬이 되길 바란다",
             subs=("연 매출 3억 원 이하 소상공인 대상", "지난해 카드 매출 기준 현금 지급")),
        dict(title="{d} 2차전지 특화단지에 기업 {s}곳 투자협약",
             lead="{d}는 2차전지 소재 기업 {s}곳과 특화단지 투자협약을 맺었다고 {day}일 밝혔다.",
             details=("기업들은 앞으로 5년간 공장을 짓고 신규 인력 {n}0여 명을 채용할 계획이다.",
                      "{d}는 인허가 절차를 앞당기고 용수와 전력 공급 시설을 지원한다.",
                      "협약식에는 지역 대학과 연구기관도 참석해 인력 양성에 힘을 보태기로 했다."),
             quote="특화단지가 지역 경제의 새로운 성장 엔진이 되도록 행정력을 모으겠다",
             subs=("5년간 공장 건립·신규 채용", "인허가 단축·용수·전력 지원")),
        dict(title="{d}, 지역화폐 {n}억 원어치 할인 판매",
             lead="{d}는 이달부터 지역화폐 {n}억 원어치를 10% 할인된 가격에 판매한다고 {day}일 밝혔다.",
             details=("1인당 월 구매 한도는 50만 원이며 모바일 앱과 카드로 살 수 있다.",
                      "가맹점은 전통시장과 동네 음식점, 학원 등 {n}00여 곳에 이른다.",
                      "대형마트와 유흥업소에서는 쓸 수 없다."),
             quote="지역에서 번 돈이 지역 안에서 돌도록 소비를 뒷받침하겠다",
             subs=("1인당 월 구매 한도 50만 원", "전통시장·음식점 등 가맹점")),
        dict(title="{d} 산업단지 통근버스 {s}개 노선 신설",
             lead="{d}는 산업단지 근로자의 출퇴근을 돕기 위해 통근버스 {s}개 노선을 새로 만든다고 {day}일 밝혔다.",
             details=("통근버스는 주요 아파트 단지와 산업단지를 출근과 퇴근 시간에 오간다.",
                      "요금은 일반 시내버스와 같고 교통카드 환승도 된다.",
                      "{d}는 입주 기업의 수요 조사를 거쳐 노선을 정했다."),
             quote="출퇴근 부담을 줄여 기업이 사람을 구하기 쉬운 환경을 만들겠다",
             subs=("아파트 단지~산업단지 출퇴근 운행", "시내버스 요금·환승 적용")),
    ),
    "문화": (
        dict(title="{d} `국악 한마당` 개막… “전통의 멋 함께 즐겨요”",
             lead="{d}는 전통 국악 공연 축제인 국악 한마당을 {day}일 개막했다고 밝혔다.",
             details=("축제에는 지역 국악단과 초청 명인 {s}개 팀이 무대에 오른다.",
                      "관람은 무료이며 어린이를 위한 국악기 체험 부스도 운영된다.",
                      "공연 일정은 {d} 문화관광 누리집에서 확인할 수 있다."),
             quote="주민들이 우리 소리의 멋을 가까이에서 느끼는 자리가 되길 바란다",
             subs=("지역 국악단·명인 {s}개 팀 공연", "무료 관람·국악기 체험 부스")),
        dict(title="{d}립미술관, 지역 작가 {n}명 기획전",
             lead="{d}립미술관은 지역에서 활동하는 작가 {n}명의 작품을 모은 기획전을 연다고 {day}일 밝혔다.",
             details=("전시에는 회화와 조각, 설치 작품 등 100여 점이 나온다.",
                      "주말에는 작가와의 대화와 어린이 미술 교실이 열린다.",
                      "관람료는 무료이며 월요일은 쉰다."),
             quote="지역 작가의 오늘을 한자리에서 만나는 전시가 될 것이다",
             subs=("회화·조각·설치 100여 점", "주말 작가와의 대화·어린이 미술 교실")),
        dict(title="{d} 작은도서관 {s}곳 주말 개방",
             lead="{d}는 아파트 단지와 마을회관에 있는 작은도서관 {s}곳을 주말에도 연다고 {day}일 밝혔다.",
             details=("토요일과 일요일 오전 10시부터 오후 5시까지 책을 빌리고 읽을 수 있다.",
                      "그림책 읽어주기와 보드게임 모임 같은 가족 프로그램도 마련했다.",
                      "운영은 자원봉사자와 마을 주민이 함께 맡는다."),
             quote="주말에도 아이와 함께 책을 읽을 수 있는 공간이 가까이 있었으면 한다",
             subs=("토·일 오전 10시~오후 5시", "그림책 읽어주기·보드게임 모임")),
        dict(title="{d}, 문화유산 야행 참가자 {n}0명 모집",
             lead="{d}는 밤에 문화유산을 둘러보는 야행 프로그램 참가자 {n}0명을 모집한다고 {day}일 밝혔다.",
             details=("참가자는 해설사와 함께 고택과 서원을 걸으며 야간 공연을 관람한다.",
                      "참가비는 1인 1만 원이며 지역 특산품 기념품을 준다.",
                      "신청은 선착순으로 받는다."),
             quote="낮과는 다른 문화유산의 매력을 많은 분이 느끼셨으면 한다",
             subs=("해설사와 고택·서원 야간 탐방", "참가비 1인 1만 원·선착순")),
    ),
}
_CLOSING = {
    "지역": "{d}는 주민 의견을 듣고 부족한 점을 보완해 나갈 방침이다.",
    "경제": "{d}는 지역 경제의 활력을 되살리기 위한 지원을 계속 늘릴 계획이다.",
    "문화": "{d}는 주민 누구나 가까이에서 문화를 누릴 수 있도록 프로그램을 넓혀갈 계획이다.",
}
_CAPTIONS = {
    "지역": ("{d} 관계자들이 현장을 점검하고 있다", "{d}청 전경 (사진={d} 제공)", "주민들이 설명회에서 안내를 듣고 있다"),
    "경제": ("{d} 산업단지 전경", "협약식 참석자들이 기념 촬영을 하고 있다 ({d} 제공)", "{d} 전통시장을 찾은 시민들"),
    "문화": ("지난해 행사에서 관람객들이 공연을 보고 있다", "행사 포스터 ({d} 제공)", "「{d} 문화재단」 제공"),
}

# Articles written apart from the topic pools: (title, paragraphs, subtitles, (name, role)).
_SPECIAL = {
    _NEXT_WEEK_POSITION: dict(
        title="다음 주부터 포항 시내버스 노선 개편… 배차 간격 15분으로",
        paragraphs=[
            "포항시는 시내버스 노선 체계를 간선과 지선으로 나누는 개편안을 다음 주 월요일부터 시행한다고 3일 밝혔다.",
            "간선버스는 주요 도로를 15분 간격으로 달리고, 지선버스는 외곽 마을과 환승센터를 잇는다.",
            "포항시는 개편 첫 달 동안 주요 정류장에 안내 요원을 배치한다.",
        ]),
    15: dict(
        title="동해안 관광, ‘머무는 여행’으로 바꿔야",
        paragraphs=[
            "동해안을 찾는 관광객은 해마다 늘지만 하룻밤을 묵고 가는 이들은 여전히 적다.",
            "당일치기 관광으로는 지역 상권에 돌아오는 몫이 크지 않다. 숙박과 체험, 먹거리를 하나로 엮는 코스가 필요하다.",
            "지자체마다 따로 내놓는 축제를 연계하고, 해안 마을의 빈집을 숙소로 바꾸는 방안도 검토할 만하다.",
        ],
        author=("안재현", "논설위원")),
    27: dict(
        title="골목 서점이 버티는 법",
        paragraphs=[
            "안동 구시가지의 한 골목 서점은 올해로 문을 연 지 30년이 됐다.",
            "주인은 매달 작가를 초청해 낭독회를 열고, 동네 아이들에게 책을 골라주는 일을 빼먹지 않는다.",
        ],
        author=("유리아", "객원기자")),
}

_VARIATION_POSITIONS = {
    "byline_in_date_box": tuple(p for p in range(_TOTAL) if p % 4 == 1),
    "profile_box": tuple(p for p in range(_TOTAL) if p % 5 == 2) + (5, 11, 17, 26, 38),
    "email_in_profile_link": (5, 17, 38),
    "email_in_profile_text": (11, 26),
    "email_at_body_end": (7, 22, 41),
    "email_only_at_body_end": (14, 35),
    "subj_in_title_wrap": tuple(p for p in range(_TOTAL) if p % 7 == 3 and p not in _SPECIAL),
    "subj_before_body": tuple(p for p in range(_TOTAL) if p % 7 == 5 and p not in _SPECIAL),
    "edited": (18, 25),
    "most_read_trap": (_TRAP_POSITION,),
    "title_next_week": (_NEXT_WEEK_POSITION,),
    "role_not_reporter": (15, 27),
    "coinciding_idx": tuple(_COINCIDING),
}
# Previous/next markup by position (others: by position % 3); 45, the newest 문화 article, shows a missing next
# neighbour in the label-beside form.
_PREVNEXT_FORMS = ("prevnext_dl", "prevnext_label_in_link", "prevnext_label_beside")
_PREVNEXT_OVERRIDES = {45: "prevnext_label_beside"}
PREV_LABELS = ("이전 기사", "이전기사")
NEXT_LABELS = ("다음 기사", "다음기사")


@dataclass(frozen=True)
class DawnArticle(SampleArticle):
    """A site-B article: SampleArticle plus how its photos' src are printed."""

    image_srcs: tuple[str, ...] = ()  # the src of each image as printed, in page order (same order as images)

    def expected_images(self, base_url: str) -> list[dict]:
        page = self.url(base_url.rstrip("/"))
        return [{"url": urljoin(page, src), "caption": image["caption"]}
                for src, image in zip(self.image_srcs, self.images)]

    @property
    def email(self) -> str | None:
        return self.authors[0]["email"] if self.authors else None


class DawnSiteData(SiteData):
    """Site B's SiteData: 15 entries a page, lists by offset, and a most-read ranking without NEXT_WEEK_IDX (only
    the most_read_trap article's box lists that one; pages_b puts it there)."""

    page_size = PAGE_SIZE

    def page_count(self, mcode: str | None = None) -> int:
        return max(1, -(-len(self.listed(mcode)) // self.page_size))

    def list_page(self, mcode: str | None, page: int) -> list[SampleArticle]:
        return self.list_window(mcode, (max(page, 1) - 1) * self.page_size)

    def list_window(self, mcode: str | None, offset: int) -> list[SampleArticle]:
        """The `page_size` listed articles after the first `offset` (newest first); [] past the end."""
        offset = max(offset, 0)
        return self.listed(mcode)[offset : offset + self.page_size]

    def most_read(self, count: int, exclude: int | None = None) -> list[SampleArticle]:
        return [a for a in super().most_read(count + 1, exclude) if a.idx != NEXT_WEEK_IDX][:count]


# --------------------------------------------------------------------------------------------------------------
# board_data: the list offset, base64 in the query string (the kbsm.net quirk)


def board_data(offset: int, **extra: str) -> str:
    """The board_data value for the list page that starts after `offset` entries: standard base64 of the ASCII
    text 'startPage=OFFSET', then '&key=value' for each extra pair (the server ignores them)."""
    text = f"startPage={offset}" + "".join(f"&{key}={value}" for key, value in extra.items())
    return base64.b64encode(text.encode("ascii")).decode("ascii")


_START_PAGE_RE = re.compile(r"(?:^|&)startPage=(\d+)(?:&|$)")


def board_data_offset(value: str | None) -> int:
    """The offset in a board_data value; 0 (the first page) when it is missing or unreadable.

    Tolerates what a query string does to base64: '+' read as a space, '=' padding dropped."""
    if not value:
        return 0
    value = value.strip().replace(" ", "+")
    value += "=" * (-len(value) % 4)
    try:
        text = base64.b64decode(value, validate=False).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return 0
    match = _START_PAGE_RE.search(text)
    return int(match.group(1)) if match else 0


# --------------------------------------------------------------------------------------------------------------
# Building the articles


def _kst(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+09:00"


def _published(position: int) -> datetime:
    return datetime(2025, 5, 2, 7, 10, 0) + timedelta(hours=position * 17, minutes=(position * 23) % 60,
                                                       seconds=(position * 41 + 5) % 60)


def _idx(position: int) -> int:
    return _COINCIDING.get(position, 30512 + 2 * position + (position % 3 == 1))


def _person(name: str, role: str | None, email: str | None = None) -> dict:
    return {"name": name, "role": role, "email": email}


def _email(name: str) -> str:
    return f"{_HANDLES[name]}@{EMAIL_DOMAIN}"


def _features(position: int) -> set[str]:
    features = {tag for tag, positions in _VARIATION_POSITIONS.items() if position in positions}
    features.add(_PREVNEXT_OVERRIDES.get(position, _PREVNEXT_FORMS[position % 3]))
    return features


def _build_article(position: int, ordinal: int, section_name: str) -> dict:
    section = _SECTION_BY_NAME[section_name]
    section_index = [s.name for s in SECTIONS].index(section_name)
    features = _features(position)
    idx = _idx(position)
    published = _published(position)
    modified = None
    if "edited" in features:
        modified = published + timedelta(hours=3 + position % 5, minutes=(position * 7) % 60, seconds=position % 60)

    places = _PLACES[section_name]
    topics = _TOPICS[section_name]
    place = places[(ordinal * 3 + ordinal // len(places)) % len(places)]
    values = {"d": place, "head": place + ("장" if place.endswith("시") else "수"), "n": 10 + (position * 37) % 90,
              "s": 3 + position % 7, "m": published.month % 12 + 1, "day": published.day}
    # "{d}는" fits 시 (ends in a vowel); a 군 takes 은.
    fill = lambda template: template.format(**values).replace("군는 ", "군은 ")  # noqa: E731
    topic = topics[ordinal % len(topics)]
    name, role = _REPORTERS[section_name][ordinal % len(_REPORTERS[section_name])], "기자"

    special = _SPECIAL.get(position)
    if special:
        title, paragraphs, subtitles = special["title"], list(special["paragraphs"]), []
        name, role = special.get("author", (name, role))
    else:
        title = fill(topic["title"])
        head = values["head"] + ("은" if values["head"].endswith("장") else "는")
        speaker = (f"{place} 관계자는", head, "담당 과장은")[position % 3]
        details = [fill(d) for d in topic["details"]]
        pool = [fill(topic["lead"]), f"{details[0]} {details[1]}", f"{speaker} “{fill(topic['quote'])}”고 말했다.",
                details[2], fill(_CLOSING[section_name])]
        paragraphs = pool[: 2 + (ordinal + section_index) % 4]
        subtitles = [fill(s) for s in topic["subs"][: 1 + position % 2]] \
            if features & {"subj_in_title_wrap", "subj_before_body"} else []
    if any(mark in title for mark in "“”‘’\"'`"):
        features.add("quoted_title")

    email = _email(name) if features & {"email_in_profile_link", "email_in_profile_text", "email_at_body_end",
                                        "email_only_at_body_end"} else None
    signature = None
    if "email_at_body_end" in features:
        signature = f"{name} {role} {email}"
    elif "email_only_at_body_end" in features:
        signature = email

    captions = [fill(c) for c in _CAPTIONS[section_name]]
    images, srcs = [], []
    for number in range((1, 1, 0, 2)[position % 4]):
        path = f"/data/photos/{published:%Y%m}/art_{idx}_{number + 1}.jpg"
        if number == 0:
            caption = None if position % 10 == 4 else captions[position % len(captions)]
            features.add("img_caption_no_caption" if caption is None
                         else ("img_caption_p" if position % 2 == 0 else "img_caption_br"))
            src = ("../data" if position % 5 == 1 else "../../../../data") + path[len("/data"):]
        else:
            caption = None
            features.add("photo_in_body")
            src = path if position % 3 == 0 else "../../../.." + path
        images.append({"url": path, "caption": caption})
        srcs.append(src)

    return dict(
        idx=idx, section=section_name, mcode=section.mcode, skin="old", title=title, title_raw=title,
        subtitles=subtitles, byline_raw=f"{name} {role}", authors=[_person(name, role, email)],
        published_raw="기사등록 " + published.strftime("%Y-%m-%d %H:%M:%S"), published_at=_kst(published),
        modified_raw=("기사수정 " + modified.strftime("%Y-%m-%d %H:%M:%S")) if modified else None,
        modified_at=_kst(modified) if modified else None,
        paragraphs=paragraphs, raw_paragraphs=list(paragraphs), images=images,
        position=position, image_srcs=tuple(srcs), signature=signature, features=features,
    )


def _build() -> list[DawnArticle]:
    ordinals: dict[str, int] = {}
    drafts = []
    for position in range(_TOTAL):
        section_name = _PATTERN[position % len(_PATTERN)]
        ordinal = ordinals.get(section_name, 0)
        ordinals[section_name] = ordinal + 1
        drafts.append(_build_article(position, ordinal, section_name))
    by_position = {d["position"]: d for d in drafts}
    # Articles whose previous/next link prints the "다음 주부터 ..." title.
    for section in SECTIONS:
        chain = [d for d in drafts if d["mcode"] == section.mcode]
        for number, draft in enumerate(chain):
            neighbours = chain[max(number - 1, 0) : number] + chain[number + 1 : number + 2]
            if any(n["position"] == _NEXT_WEEK_POSITION for n in neighbours):
                draft["features"].add("next_week_neighbour")

    articles = []
    for section in SECTIONS:
        chain = [d for d in drafts if d["mcode"] == section.mcode]  # oldest first
        for number, draft in enumerate(chain):
            articles.append(DawnArticle(
                **{**draft, "features": frozenset(draft["features"])},
                listed=draft["position"] not in _UNLISTED_POSITIONS,
                prev_idx=chain[number - 1]["idx"] if number > 0 else None,
                next_idx=chain[number + 1]["idx"] if number + 1 < len(chain) else None,
            ))
    articles.sort(key=lambda a: a.idx)
    idx_values = [a.idx for a in articles]
    assert len(set(idx_values)) == len(idx_values) and not set(DELETED_IDX) & set(idx_values)
    for article in articles:
        assert [clean_text(p) for p in article.paragraphs] == article.paragraphs, article.idx
        assert clean_text(article.title) == article.title, article.idx
        # No title but the trap's says 이전/다음 (so a careless match on them finds only the planted one).
        if article.position != _NEXT_WEEK_POSITION:
            assert "이전" not in article.title and "다음" not in article.title, article.idx
        assert by_position[article.position]["idx"] == article.idx
    return articles


ARTICLES: list[DawnArticle] = _build()
ARTICLES_BY_IDX: dict[int, DawnArticle] = {a.idx: a for a in ARTICLES}
_BY_POSITION = {a.position: a for a in ARTICLES}
NEXT_WEEK_IDX: int = _BY_POSITION[_NEXT_WEEK_POSITION].idx
TRAP_IDX: int = _BY_POSITION[_TRAP_POSITION].idx
UNLISTED_IDX: tuple[int, ...] = tuple(sorted(a.idx for a in ARTICLES if not a.listed))
VARIATIONS: dict[str, list[int]] = {
    tag: sorted(a.idx for a in ARTICLES if tag in a.features)
    for tag in sorted({tag for a in ARTICLES for tag in a.features})
}

DATA = DawnSiteData(SECTIONS, ARTICLES, DELETED_IDX)


def expected_items(base_url: str) -> list[dict]:
    """`DawnArticle.expected(base_url)` for every site-B article, in idx order."""
    return [article.expected(base_url) for article in ARTICLES]
