"""HTML for site B ("경북새벽신문", site_b.py): the CMS's older skin as a regional daily prints it.

Same conventions as pages.py (plain f-strings, a SiteData in, a str out); the neutral helpers come from there.
Which article shows which markup is decided by its features (see site_b.py's docstring).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

from .content import SampleArticle, SiteData
from .pages import _head, attr, esc, lines_html
from .site_b import COPYRIGHT_LINE, NEXT_WEEK_IDX, PAGE_SIZE, SITE_NAME, DawnArticle, board_data, board_data_offset

if TYPE_CHECKING:
    from .server import Request


def _board_query(offset: int, mcode: str | None) -> str:
    """The query-string value of board_data as the pager prints it: percent-encoded, with two ignored extras."""
    extra = {"sort": "new", "mcode": mcode} if mcode else {"sort": "new"}
    return quote(board_data(offset, **extra), safe="")


# --------------------------------------------------------------------------------------------------------------
# Chrome


def _menu(data: SiteData) -> str:
    items = [f'<li><a href="/news/list.php?mcode={esc(s.mcode)}">{esc(s.name)}</a></li>' for s in data.sections]
    items.append('<li><a href="/news/list.php">전체기사</a></li>')
    return "\n        ".join(items)


def _header(data: SiteData) -> str:
    return f"""<div id="header">
  <div class="topMenu">
    <a href="/m/">모바일웹</a>
    <a href="javascript:;">로그인</a>
  </div>
  <h1 id="logo"><a href="/"><img src="/data/design/logo_gbdawn.png" alt="{SITE_NAME}"></a></h1>
  <div id="gnb">
    <div class="gnbWrap">
      <ul>
        {_menu(data)}
      </ul>
    </div>
  </div>
  <form class="searchForm" action="/news/search.php" method="get">
    <input type="hidden" name="sm" value="w_total"><input type="text" name="stx" title="검색어">
    <input type="submit" value="검색">
  </form>
</div>
"""


def _footer(mobile_href: str = "/m/") -> str:
    return f"""<div id="footer">
  <div class="footerMenu">
    <a href="javascript:;">회사소개</a> | <a href="javascript:;">광고문의</a> | <a href="javascript:;">개인정보취급방침</a>
  </div>
  <address>경상북도 포항시 북구 새벽로 00 | 등록번호 경북 아00000 | 발행·편집인 홍길동 | 대표전화 054-000-0000</address>
  <p class="copyright">Copyright © {SITE_NAME}. All rights reserved.</p>
  <a href="{esc(mobile_href)}">모바일웹</a>
</div>
"""


def _side_boxes(data: SiteData, current: SampleArticle | None) -> str:
    exclude = current.idx if current else None
    latest = data.latest(5, exclude)
    most_read = data.most_read(5, exclude)
    if current is not None and "most_read_trap" in current.features:
        # The one article whose box lists NEXT_WEEK_IDX ("다음 주부터 ..."), first.
        most_read = [data.get(NEXT_WEEK_IDX)] + most_read[:4]
    latest_rows = "\n".join(
        f'        <li><a href="../news/view.php?idx={a.idx}">{esc(a.title)}</a></li>' for a in latest)
    most_read_rows = "\n".join(
        f'        <li><a href="/news/view.php?idx={a.idx}&amp;mcode={esc(a.mcode)}"><span class="num">{number}</span>'
        f'{esc(a.title)}</a></li>'
        for number, a in enumerate(most_read, start=1))
    return f"""<div class="sideBox newsLatest">
      <h3>최신기사</h3>
      <ul>
{latest_rows}
      </ul>
    </div>
    <div class="sideBox newsBest">
      <h3>많이 본 기사</h3>
      <ol>
{most_read_rows}
      </ol>
    </div>
    <div class="sideBanner"><a href="https://www.gb.go.kr/" target="_blank"><img src="/data/banner/side_gb.jpg" alt="경상북도"></a></div>
"""


# --------------------------------------------------------------------------------------------------------------
# Home page


def render_home(data: SiteData, base_url: str) -> str:
    top = data.listed()[:5]
    headline_rows = "\n".join(
        f'        <li><a href="/news/view.php?idx={a.idx}&amp;mcode={esc(a.mcode)}">'
        + (f'<img src="..{esc(a.images[0]["url"])}" alt="">' if a.images else "")
        + f'<strong>{esc(a.title)}</strong></a></li>'
        for a in top)
    boxes = []
    for section in data.sections:
        rows = "\n".join(
            f'          <li><a href="../news/view.php?idx={a.idx}&amp;mcode={esc(a.mcode)}">{esc(a.title)}</a>'
            f'<span class="date">{a.published_date}</span></li>'
            for a in data.listed(section.mcode)[:5])
        boxes.append(f"""      <div class="mainSection">
        <h3><a href="/news/list.php?mcode={esc(section.mcode)}">{esc(section.name)}</a></h3>
        <ul>
{rows}
        </ul>
      </div>""")
    deleted_rows = "\n".join(
        f'        <li><a href="/news/view.php?idx={n}&amp;mcode={esc(data.sections[0].mcode)}">'
        f'경북도, 공공기관 채용 비리 감사 결과 공개</a></li>' for n in data.deleted_idx)
    meta = (f'<meta property="og:title" content="{SITE_NAME}">\n'
            f'<meta property="og:url" content="{esc(base_url)}/">\n')
    return _head(SITE_NAME, meta) + f"""<body class="main">
<div id="wrap">
{_header(data)}
<div id="container">
  <div id="contents">
    <div class="mainTop">
      <ul class="headline">
{headline_rows}
      </ul>
    </div>
    <div class="mainSections">
{chr(10).join(boxes)}
    </div>
    <div class="mainIssue">
      <h3>화제의 기사</h3>
      <ul>
{deleted_rows}
      </ul>
    </div>
  </div>
  <div id="aside">
    {_side_boxes(data, None)}
  </div>
</div>
{_footer()}
</div>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------------------
# Lists: the CMS's list markup; paged by a base64 board_data offset, PAGE_SIZE entries a page


def _list_items(articles: list[SampleArticle], offset: int, mcode: str | None) -> str:
    rows = []
    for article in articles:
        link = f"../news/view.php?idx={article.idx}&amp;mcode={esc(article.mcode)}"
        image = ""
        if article.images:
            image = (f'\n        <a href="/news/view.php?idx={article.idx}&amp;mcode={esc(article.mcode)}'
                     f'&amp;board_data={_board_query(offset, mcode)}" class="image">'
                     f'<img src="..{esc(article.images[0]["url"])}" alt=""></a>')
        rows.append(f"""      <li>{image}
        <dl>
          <dt class="title"><a href="{link}">{esc(article.title)}</a></dt>
          <dd class="content"><a href="{link}">{esc(article.teaser)}</a></dd>
          <dd class="registDate">{article.published_date}</dd>
        </dl>
      </li>""")
    return "\n".join(rows)


def _pager(script: str, base_query: str, offset: int, total: int, mcode: str | None) -> str:
    """Numbered links, each with its board_data offset (the real markup is unknown)."""
    last_offset = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
    prefix = f"{script}?{base_query}&amp;" if base_query else f"{script}?"

    def link(start: int, text: str, css: str = "") -> str:
        css_attr = f' class="{css}"' if css else ""
        return f'<a href="{prefix}board_data={_board_query(start, mcode)}"{css_attr}>{text}</a>'

    links = [link(0, "처음", "first")]
    for start in range(0, last_offset + 1, PAGE_SIZE):
        number = start // PAGE_SIZE + 1
        links.append(f"<strong>{number}</strong>" if start == offset else link(start, str(number)))
    if offset + PAGE_SIZE <= last_offset:
        links.append(link(offset + PAGE_SIZE, "다음", "next"))
    links.append(link(last_offset, "맨끝", "last"))
    return '<div class="paging">\n      ' + "\n      ".join(links) + "\n    </div>"


def _list_page(data: SiteData, heading: str, items_html: str, pager_html: str, view: str | None) -> str:
    list_class = "basicList photoList" if view == "photo" else "basicList"
    return _head(f"{heading} - {SITE_NAME}") + f"""<body class="sub">
<div id="wrap">
{_header(data)}
<div id="container">
  <div id="contents">
    <div class="listTitle"><h2>{esc(heading)}</h2></div>
    <div class="{list_class}">
      <ul>
{items_html}
      </ul>
    </div>
    {pager_html}
  </div>
  <div id="aside">
    {_side_boxes(data, None)}
  </div>
</div>
{_footer()}
</div>
</body>
</html>
"""


def render_list(data: SiteData, mcode: str | None, offset: int, view: str | None = None) -> str:
    """`/news/list.php?mcode=X[&board_data=B64]`: the entries after `offset`; past the end the <ul> is empty."""
    section = data.section(mcode) if mcode else None
    known = section is not None or not mcode
    heading = section.name if section else ("전체기사" if not mcode else "")
    listed = data.listed(mcode) if known else []
    articles = listed[max(offset, 0) : max(offset, 0) + PAGE_SIZE]
    query = f"mcode={esc(mcode)}" if mcode else ""
    if view:
        query += ("&amp;" if query else "") + f"vg={esc(view)}"
    pager = _pager("list.php", query, offset, len(listed), mcode) if known else ""
    return _list_page(data, heading, _list_items(articles, offset, mcode), pager, view)


def render_list_request(data: SiteData, request: Request) -> str:
    """The list for a request: page 1 unless board_data says otherwise; `&page=N` is ignored, as on the real site."""
    mcode = (request.param("mcode") or "").strip() or None
    return render_list(data, mcode, board_data_offset(request.param("board_data")), request.param("vg"))


def render_search_request(data: SiteData, request: Request) -> str:
    """`/news/search.php?sm=w_total&stx=KEYWORD[&board_data=B64]` (listed articles only)."""
    keyword = request.param("stx", "") or ""
    offset = board_data_offset(request.param("board_data"))
    hits = data.search(keyword)
    items = _list_items(hits[offset : offset + PAGE_SIZE], offset, None)
    pager = _pager("search.php", f"sm=w_total&amp;stx={esc(keyword)}", offset, len(hits), None)
    return _list_page(data, f"‘{keyword}’ 검색 결과", items, pager, None)


# --------------------------------------------------------------------------------------------------------------
# Article page (older skin)


def _prev_next(data: SiteData, article: SampleArticle) -> str:
    """Previous/next links in the article's form: prevnext_dl, prevnext_label_in_link or prevnext_label_beside."""
    neighbours = [("prev", data.get(article.prev_idx) if article.prev_idx else None),
                  ("next", data.get(article.next_idx) if article.next_idx else None)]
    features = article.features
    parts = []
    for css, neighbour in neighbours:
        tight = "이전기사" if css == "prev" else "다음기사"
        spaced = "이전 기사" if css == "prev" else "다음 기사"
        if "prevnext_dl" in features:
            inner = (f'<a href="/news/view.php?idx={neighbour.idx}&amp;mcode={esc(neighbour.mcode)}">'
                     f"{esc(neighbour.title)}</a>" if neighbour else f"{tight}가 없습니다")
            parts.append(f'<dl class="{css}"><dt>{tight}</dt><dd>{inner}</dd></dl>')
        elif "prevnext_label_in_link" in features:
            if neighbour:
                text = f"◀ {tight} : {esc(neighbour.title)}" if css == "prev" else f"{tight} : {esc(neighbour.title)} ▶"
                parts.append(f'<p class="{css}"><a href="view.php?idx={neighbour.idx}&amp;mcode={esc(neighbour.mcode)}">'
                             f"{text}</a></p>")
            else:
                parts.append(f'<p class="{css}">' + (f"◀ {tight}가 없습니다" if css == "prev" else f"{tight}가 없습니다 ▶")
                             + "</p>")
        else:  # prevnext_label_beside
            inner = (f'<a href="../news/view.php?idx={neighbour.idx}&amp;mcode={esc(neighbour.mcode)}">'
                     f"{esc(neighbour.title)}</a>" if neighbour else f"{spaced}가 없습니다")
            parts.append(f'<li class="{css}"><span>{spaced}</span> {inner}</li>')
    if "prevnext_label_beside" in features:
        return ('<div class="viewPrevNext">\n        <ul>\n          ' + "\n          ".join(parts)
                + "\n        </ul>\n      </div>")
    return '<div class="viewPrevNext">\n        ' + "\n        ".join(parts) + "\n      </div>"


def _subtitles(article: SampleArticle) -> str:
    return ('<ul class="subj">\n' + "\n".join(f"          <li>{esc(s)}</li>" for s in article.subtitles)
            + "\n        </ul>")


def _photo_box(article: DawnArticle) -> str:
    """div#img_caption, before div#viewContent: the first photo and its caption (in a p, after a br, or none)."""
    if not article.images:
        return ""
    image, src = article.images[0], article.image_srcs[0]
    caption = ""
    if image["caption"] is not None:
        caption = (f"<p>{esc(image['caption'])}</p>" if "img_caption_p" in article.features
                   else f"<br>{esc(image['caption'])}")
    return f'<div id="img_caption"><img src="{attr(src)}" alt="">{caption}</div>'


def _body(article: DawnArticle) -> str:
    blocks = []
    later_photos = list(article.image_srcs[1:])
    for number, text in enumerate(article.paragraphs):
        blocks.append(f"<p>{lines_html(text)}</p>")
        if later_photos and number == 0:
            blocks.append(f'<p style="text-align:center"><img src="{attr(later_photos.pop(0))}" alt=""></p>')
    blocks.extend(f'<p><img src="{attr(src)}" alt=""></p>' for src in later_photos)
    if article.signature:
        blocks.append(f"<p>{esc(article.signature)}</p>")
    elif article.position % 3 == 0:
        blocks.append(f'<p class="copyright">{esc(COPYRIGHT_LINE)}</p>')
    return "\n          ".join(blocks)


def _writer_profile(article: DawnArticle) -> str:
    if "profile_box" not in article.features:
        return ""
    email = ""
    if "email_in_profile_link" in article.features:
        email = f' <a href="mailto:{attr(article.email)}">{esc(article.email)}</a>'
    elif "email_in_profile_text" in article.features:
        email = f" <span>{esc(article.email)}</span>"
    return (f'<div class="writerProfile"><strong class="writer">{esc(article.byline_raw)}</strong>{email}</div>')


def _meta_tags(article: DawnArticle, base_url: str) -> str:
    url = f"{base_url}/news/view.php?idx={article.idx}"
    tags = [
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{SITE_NAME}">',
        f'<meta property="og:title" content="{esc(article.title)}">',
        f'<meta property="og:description" content="{esc(article.paragraphs[0][:100])}">',
        f'<meta property="og:url" content="{esc(url)}">',
    ]
    if article.images:
        tags.append(f'<meta property="og:image" content="{esc(urljoin(url, article.image_srcs[0]))}">')
    return "\n".join(tags) + "\n"


def render_article(data: SiteData, article: DawnArticle, base_url: str) -> str:
    features = article.features
    dates = []
    if "byline_in_date_box" in features:
        dates.append(f"<li><span>{esc(article.byline_raw)}</span></li>")
    dates.append(f"<li>기사등록 <span>{article.published_time_text}</span></li>")
    if article.modified_at:
        dates.append(f"<li>기사수정 <span>{article.modified_time_text}</span></li>")
    else_area = ("" if "byline_in_date_box" in features else
                 f'\n          <div class="else-area">\n            <p>{esc(article.byline_raw)}</p>\n          </div>')
    subj_in_title = f"\n          {_subtitles(article)}" if "subj_in_title_wrap" in features else ""
    subj_before_body = f"\n        {_subtitles(article)}" if "subj_before_body" in features else ""
    photo = f"\n        {_photo_box(article)}" if article.images else ""
    profile = f"\n        {_writer_profile(article)}" if "profile_box" in features else ""
    return _head(f"{article.title} - {SITE_NAME}", _meta_tags(article, base_url)) + f"""<body class="sub">
<div id="wrap">
{_header(data)}
<div id="container">
  <div id="contents">
    <div class="location"><a href="/">HOME</a> &gt; <a href="/news/list.php?mcode={esc(article.mcode)}">{esc(article.section)}</a></div>
    <div class="basicView">
      <div class="viewContentWrap">
        <div class="titleWrap boxPointColor">
          <strong>{esc(article.title)}</strong>{subj_in_title}{else_area}
          <div class="registModifyDate">
            <ul>
              {"".join(dates)}
            </ul>
          </div>
        </div>
        <div class="viewTools">
          <a href="javascript:;" onclick="mailSend('{article.idx}');">기사 메일전송</a>
          <a href="javascript:window.print();">인쇄</a>
        </div>{subj_before_body}{photo}
        <div id="viewContent" class="viewContent">
          {_body(article)}
        </div>{profile}
      </div>
      {_prev_next(data, article)}
      <div class="btnArea">
        <a href="/news/list.php?mcode={esc(article.mcode)}" class="btn-list">목록 바로가기</a>
        <a href="javascript:window.print();" class="btn-print">인쇄</a>
      </div>
    </div>
  </div>
  <div id="aside">
    {_side_boxes(data, article)}
  </div>
</div>
{_footer(f"/m/view.php?idx={article.idx}")}
</div>
</body>
</html>
"""


def render_mobile_article(data: SiteData, article: SampleArticle, base_url: str) -> str:
    """`/m/view.php?idx=N`: a simpler page that declares the desktop article canonical."""
    desktop = f"{base_url}/news/view.php?idx={article.idx}"
    paragraphs = "\n".join(f"    <p>{lines_html(text)}</p>" for text in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} - {SITE_NAME} 모바일</title>
<link rel="canonical" href="{esc(desktop)}">
</head>
<body class="mobile">
  <h2 class="m-title">{esc(article.title)}</h2>
  <p class="m-info">{esc(article.byline_raw or "")} | {article.published_time_text}</p>
  <div class="m-body">
{paragraphs}
  </div>
  <a href="/news/view.php?idx={article.idx}">PC버전</a>
</body>
</html>
"""


def render_mobile_home(data: SiteData) -> str:
    rows = "\n".join(f'    <li><a href="/m/view.php?idx={a.idx}">{esc(a.title)}</a></li>' for a in data.latest(5))
    return f"""<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>{SITE_NAME} 모바일</title></head>
<body class="mobile">
  <ul class="m-list">
{rows}
  </ul>
  <a href="/">PC버전</a>
</body>
</html>
"""


def render_admin() -> str:
    return _head(f"관리자 - {SITE_NAME}") + """<body>
<form action="/admin/login.php" method="post"><input name="id"><input name="pw" type="password"><button>로그인</button></form>
</body>
</html>
"""
