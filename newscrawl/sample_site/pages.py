"""HTML for the sample site, in the markup of the real CMS (see ../shared/reference/cms-markup.md beside the repository).

Plain f-strings and html.escape; no template engine.  Every function returns a str; the server encodes it.
Rendering is separate from data: each function takes a `SiteData` (content.py) and never reads globals, so a
synthetic data set or another encoding can reuse the same pages.
"""

from __future__ import annotations

import html

from .content import COPYRIGHT_LINE, SITE_NAME, SampleArticle, SiteData

JS_LATEST_FORM = "javascript:article_view('{idx}')"


def esc(text: str) -> str:
    """HTML-escape text and attributes; NBSP is printed as &nbsp; like the CMS does."""
    return html.escape(text, quote=True).replace("\u00a0", "&nbsp;")


def attr(url: str) -> str:
    """An href/src value: escape &, <, > and double quotes only (single quotes stay, as in
    javascript:article_view('N'))."""
    return html.escape(url, quote=False).replace('"', "&quot;")


def lines_html(text: str) -> str:
    """A paragraph whose '\\n' are <br> line breaks."""
    return "<br>".join(esc(line) for line in text.split("\n"))


# --------------------------------------------------------------------------------------------------------------
# Article link forms (all point to the same article; a crawler must canonicalise them to /news/view.php?idx=N)


def href(article: SampleArticle, form: str = "list", page: int | None = None, keyword: str = "AI") -> str:
    idx, mcode = article.idx, article.mcode
    if form == "list":  # list pages: relative, with the section code
        return f"../news/view.php?idx={idx}&mcode={mcode}"
    if form == "paged":
        return f"/news/view.php?idx={idx}&mcode={mcode}&page={page or 1}"
    if form == "mcode":
        return f"/news/view.php?idx={idx}&mcode={mcode}"
    if form == "search":
        return f"/news/view.php?idx={idx}&sm=w_total&stx={keyword}"
    if form == "short":
        return f"/news/{idx}"
    if form == "mobile":
        return f"/m/view.php?idx={idx}"
    if form == "js":
        return JS_LATEST_FORM.format(idx=idx)
    if form == "plain":
        return f"/news/view.php?idx={idx}"
    raise ValueError(form)


def image_src(article: SampleArticle, path: str) -> str:
    """The relative src the page prints for an image stored at `path` ('/data/...')."""
    if article.skin == "old" or article.position % 5 == 0:
        return "../../../.." + path
    if article.position % 5 == 1:
        return path
    return ".." + path


# --------------------------------------------------------------------------------------------------------------
# Page chrome shared by every desktop page


def _head(title: str | None, extra_meta: str = "") -> str:
    title_tag = f"<title>{esc(title)}</title>\n" if title is not None else ""
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=1200">
{title_tag}{extra_meta}<link rel="stylesheet" href="/css/common.css">
<script src="/js/jquery.min.js"></script>
<script>
function article_view(idx) {{ location.href = '/news/view.php?idx=' + idx; }}
</script>
</head>
"""


def _menu(data: SiteData) -> str:
    items = []
    for number, section in enumerate(data.sections):
        # One menu entry uses the odd 'list.php?&mcode=' form the CMS sometimes prints.
        query = f"?&mcode={section.mcode}" if number == 2 else f"?mcode={section.mcode}"
        items.append(f'<li class="menu-item"><a href="/news/list.php{query}">{esc(section.name)}</a></li>')
    items.append('<li class="menu-item"><a href="/news/list.php">전체기사</a></li>')
    return "\n      ".join(items)


def _header(data: SiteData) -> str:
    return f"""<div id="header">
  <div class="top-bar">
    <span class="today">오늘의 뉴스</span>
    <a href="/m/" class="go-mobile">모바일</a>
  </div>
  <h1 class="logo"><a href="/"><img src="/data/design/logo.png" alt="{SITE_NAME}"></a></h1>
  <div id="gnb">
    <ul class="menu">
      {_menu(data)}
    </ul>
  </div>
  <form class="search" action="/news/search.php" method="get">
    <input type="hidden" name="sm" value="w_total"><input type="text" name="stx" title="검색어">
    <button type="submit">검색</button>
  </form>
</div>
"""


def _footer(mobile_href: str = "/m/") -> str:
    return f"""<div id="footer">
  <ul class="footer-menu">
    <li><a href="javascript:;">회사소개</a></li>
    <li><a href="javascript:;">개인정보처리방침</a></li>
    <li><a href="javascript:;">청소년보호정책</a></li>
  </ul>
  <address>서울특별시 중구 세종대로 000 | 등록번호 서울 아00000 | 발행·편집인 홍길동</address>
  <p class="copy">Copyright © {SITE_NAME}. All rights reserved.</p>
  <a href="{esc(mobile_href)}" class="btn-mobile">모바일 버전 바로가기</a>
</div>
"""


def _side_boxes(data: SiteData, current: SampleArticle | None) -> str:
    exclude = current.idx if current else None
    latest = "\n".join(
        f'      <li><a href="{attr(href(a, "js"))}">{esc(a.title)}</a></li>' for a in data.latest(5, exclude)
    )
    most_read = "\n".join(
        f'      <li><a href="{attr(href(a, "mcode"))}"><strong>{esc(a.title)}</strong>'
        f'<p class="lead">{esc(a.teaser)}</p></a></li>'
        for a in data.most_read(5, exclude)
    )
    return f"""<div class="side-box latest-news">
    <h4>최신뉴스<a href="/news/list.php" class="more">더보기</a></h4>
    <ul>
{latest}
    </ul>
  </div>
  <div class="side-box most-read">
    <h4>많이 본 뉴스<a href="/news/list.php" class="more">더보기</a></h4>
    <ol>
{most_read}
    </ol>
  </div>
  <div class="side-banner">
    <a href="https://www.newswire.co.kr/" target="_blank"><img src="/data/banner/side01.jpg" alt="기본 사이드배너01-뉴스와이어"></a>
    <a href="https://www.unicef.or.kr/" target="_blank"><img src="/data/banner/side02.jpg" alt="기본 사이드배너02-유니세프"></a>
  </div>
"""


def _photo_box(data: SiteData, current: SampleArticle | None) -> str:
    with_photos = [a for a in data.listed() if a.images and (current is None or a.idx != current.idx)][:4]
    items = "\n".join(
        f'      <li><a href="{attr(href(a, "short"))}"><img src="..{esc(a.images[0]["url"])}" alt="">'
        f'<span class="title">{esc(a.title)}</span></a></li>'
        for a in with_photos
    )
    return f"""<div class="photo-box">
    <h4>포토/영상<a href="/news/list.php?mcode={esc(data.sections[0].mcode)}&amp;vg=photo" class="more">더보기</a></h4>
    <ul>
{items}
    </ul>
  </div>
"""


# --------------------------------------------------------------------------------------------------------------
# Home page


def render_home(data: SiteData, base_url: str) -> str:
    top = data.listed()[:6]
    forms = ("js", "short", "list", "js", "mcode", "js")
    tab_items = "\n".join(
        f'      <li class="tab_item"><a href="{attr(href(a, form))}"><strong class="headline">{esc(a.title)}</strong>'
        f'<span class="tab_data"><time class="time">{a.published_date}</time></span></a></li>'
        for a, form in zip(top, forms)
    )
    section_boxes = []
    for section in data.sections:
        newest = data.listed(section.mcode)[:4]
        rows = "\n".join(
            f'        <li><a href="{attr(href(a, "mcode"))}">{esc(a.title)}</a> <span class="date">{a.published_date}</span></li>'
            for a in newest
        )
        section_boxes.append(f"""    <div class="section-box">
      <h3><a href="/news/list.php?mcode={esc(section.mcode)}">{esc(section.name)}</a></h3>
      <ul>
{rows}
      </ul>
    </div>""")
    keyword_hits = data.search("AI")[:3]
    keyword_rows = "\n".join(
        f'        <li><a href="{attr(href(a, "search"))}">{esc(a.title)}</a></li>' for a in keyword_hits
    )
    mobile_pick = data.listed()[6] if len(data.listed()) > 6 else None
    mobile_row = (f'<li><a href="{attr(href(mobile_pick, "mobile"))}">{esc(mobile_pick.title)}</a></li>'
                  if mobile_pick else "")
    deleted_rows = "\n".join(
        f'        <li><a href="../news/view.php?idx={n}&amp;mcode={esc(data.sections[0].mcode)}">'
        f'[단독] 구청 공무원 초과근무수당 부당 수령 의혹</a></li>'
        for n in data.deleted_idx
    )
    meta = (f'<meta property="og:title" content="{SITE_NAME}">\n'
            f'<meta property="og:url" content="{esc(base_url)}/">\n'
            f'<meta property="og:type" content="website">\n')
    return _head(SITE_NAME, meta) + f"""<body class="main">
<div id="wrap">
{_header(data)}
<div id="container">
  <div class="main-top">
    <ul class="tab_list">
{tab_items}
    </ul>
  </div>
  <div class="main-sections">
{chr(10).join(section_boxes)}
  </div>
  <div class="keyword-box">
    <h3><a href="/news/search.php?sm=w_total&amp;stx=AI">#AI</a></h3>
    <ul>
{keyword_rows}
    </ul>
  </div>
  <div class="popular-box">
    <h3>많이 본 뉴스</h3>
    <ul>
        {mobile_row}
{deleted_rows}
    </ul>
  </div>
  <div id="aside">
  {_photo_box(data, None)}
  {_side_boxes(data, None)}
  </div>
  <div class="admin-link"><a href="/admin/">관리자</a></div>
</div>
{_footer()}
</div>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------------------
# List pages (section list, all-articles list, search results): identical markup in both skins


def _list_items(articles: list[SampleArticle], page: int, link_form: str = "list", keyword: str = "") -> str:
    rows = []
    for article in articles:
        link = attr(href(article, link_form, keyword=keyword))
        image = ""
        if article.images:
            image = (f'\n        <a href="{attr(href(article, "paged", page=page))}" class="image">'
                     f'<img src="..{esc(article.images[0]["url"])}" alt=""></a>')
        rows.append(f"""      <li>{image}
        <dl>
          <dt class="title"><a href="{link}">{esc(article.title)}</a></dt>
          <dd class="content"><a href="{link}">{esc(article.teaser)}</a></dd>
          <dd class="registDate">{article.published_date}</dd>
        </dl>
      </li>""")
    return "\n".join(rows)


def _pager(base_query: str, page: int, last_page: int) -> str:
    """A plausible pager (the real markup is unknown; a crawler must not depend on it)."""
    links = [f'<a href="list.php?{base_query}&amp;page=1" class="first">처음</a>']
    for number in range(1, last_page + 1):
        if number == page:
            links.append(f"<strong>{number}</strong>")
        else:
            links.append(f'<a href="list.php?{base_query}&amp;page={number}">{number}</a>')
    if page < last_page:
        links.append(f'<a href="list.php?{base_query}&amp;page={page + 1}" class="next">다음</a>')
    links.append(f'<a href="list.php?{base_query}&amp;page={last_page}" class="last">맨끝</a>')
    return '<div class="paging">\n    ' + "\n    ".join(links) + "\n  </div>"


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


def render_list(data: SiteData, mcode: str | None, page: int, view: str | None = None) -> str:
    """`/news/list.php?mcode=X&page=N`; mcode None = all sections; past the last page the <ul> is empty."""
    section = data.section(mcode) if mcode else None
    heading = section.name if section else ("전체기사" if not mcode else "")
    articles = data.list_page(mcode, page) if (section or not mcode) else []
    query = f"mcode={esc(mcode)}" if mcode else ""
    if view:
        query += f"&amp;vg={esc(view)}"
    pager = _pager(query, max(page, 1), data.page_count(mcode)) if (section or not mcode) else ""
    return _list_page(data, heading, _list_items(articles, max(page, 1)), pager, view)


def render_search(data: SiteData, keyword: str, page: int) -> str:
    """`/news/search.php?sm=w_total&stx=KEYWORD&page=N` (listed articles only)."""
    hits = data.search(keyword)
    size = 10
    shown = hits[(max(page, 1) - 1) * size : max(page, 1) * size]
    last = max(1, -(-len(hits) // size))
    query = f"sm=w_total&amp;stx={esc(keyword)}"
    items = _list_items(shown, max(page, 1), link_form="search", keyword=keyword)
    return _list_page(data, f"‘{keyword}’ 검색 결과", items, _pager(query, max(page, 1), last).replace(
        "list.php?", "search.php?"), None)


# --------------------------------------------------------------------------------------------------------------
# Article pages


def _meta_tags(article: SampleArticle, base_url: str, with_published_time: bool) -> str:
    description = article.paragraphs[0].replace("\n", " ")[:120]
    tags = [
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{SITE_NAME}">',
        f'<meta property="og:title" content="{esc(article.title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(base_url)}/news/view.php?idx={article.idx}">',
    ]
    if article.images:
        tags.append(f'<meta property="og:image" content="{esc(base_url)}{esc(article.images[0]["url"])}">')
    if with_published_time:
        tags.append(f'<meta property="article:published_time" content="{article.published_at}">')
    return "\n".join(tags) + "\n"


def _prev_next_new(data: SiteData, article: SampleArticle) -> str:
    """Newer skin: the link text says 이전/다음 기사 보기; a missing neighbour is a javascript: alert."""
    parts = []
    for idx, label, css, missing in ((article.prev_idx, "이전 기사 보기", "btn-prev", "이전 기사가 없습니다."),
                                     (article.next_idx, "다음 기사 보기", "btn-next", "다음 기사가 없습니다.")):
        neighbour = data.get(idx) if idx else None
        if neighbour:
            parts.append(f'<a href="{attr(href(neighbour, "mcode"))}" class="{css}" title="{esc(neighbour.title)}">'
                         f'<span class="label">{label}</span></a>')
        else:
            parts.append(f'<a href="javascript:alert(\'{missing}\');" class="{css} disabled">'
                         f'<span class="label">{label}</span></a>')
    return '<div class="article-prevnext">\n    ' + "\n    ".join(parts) + "\n  </div>"


def _prev_next_old(data: SiteData, article: SampleArticle) -> str:
    """Older skin: the label is only an image alt inside the link."""
    parts = []
    for idx, label, css, image in ((article.prev_idx, "이전 기사 보기", "prev", "btn_prev.gif"),
                                   (article.next_idx, "다음 기사 보기", "next", "btn_next.gif")):
        neighbour = data.get(idx) if idx else None
        if neighbour:
            parts.append(f'<a href="/news/view.php?idx={neighbour.idx}&amp;mcode={esc(neighbour.mcode)}" '
                         f'class="{css}"><img src="/data/design/{image}" alt="{label}"></a>')
        else:
            parts.append(f'<span class="{css} none"><img src="/data/design/{image}" alt="{label}"></span>')
    return '<div class="viewPrevNext">\n        ' + "\n        ".join(parts) + "\n      </div>"


def _new_image(article: SampleArticle, image: dict) -> str:
    src = attr(image_src(article, image["url"]))
    if image["caption"] is None:
        return f'<p><img src="{src}" class="fr-fic fr-dib" style="width: 600px;" alt=""></p>'
    return (f'<p><span class="fr-img-caption fr-fic fr-dib" style="width: 600px;"><span class="fr-img-wrap">'
            f'<img src="{src}" alt=""><span class="fr-inner">{esc(image["caption"])}</span></span></span></p>')


def _new_body(article: SampleArticle) -> str:
    """div.fr-view content (Froala output)."""
    tag = "div" if "div_paragraphs" in article.features else "p"
    spacer = "<p>&nbsp;</p>" if "spacers" in article.features else None
    paragraphs = list(article.raw_paragraphs)
    blocks: list[str] = []
    if "style_in_body" in article.features:
        blocks.append("<style>.fr-view table td{border:1px solid #ddd;padding:4px} .fr-view .note{color:#888}</style>")
    images = list(article.images)
    if "image_before_text" in article.features and images:
        blocks.append(_new_image(article, images.pop(0)))
    if article.credit and "credit_paragraph" in article.features:
        blocks.append(f"<{tag}>{esc(article.credit)}</{tag}>")
    elif article.credit:
        paragraphs[0] = f"{article.credit} {paragraphs[0]}"
    for number, text in enumerate(paragraphs):
        blocks.append(f"<{tag}>{lines_html(text)}</{tag}>")
        if spacer:
            blocks.append(spacer)
        if images and number < len(paragraphs) - 1:  # one photo after each paragraph, from the first one
            blocks.append(_new_image(article, images.pop(0)))
        if article.youtube_id and number == 0:
            blocks.append(f'<p><span class="fr-video fr-deletable fr-fvc fr-dvb fr-draggable" contenteditable="false">'
                          f'<iframe width="640" height="360" src="//www.youtube.com/embed/{esc(article.youtube_id)}'
                          f'?wmode=opaque" frameborder="0" allowfullscreen="" class="fr-draggable"></iframe></span></p>')
    blocks.extend(_new_image(article, image) for image in images)
    if article.signature:
        blocks.append(f"<{tag}>{esc(article.signature)}</{tag}>")
    if article.copyright:
        blocks.append(f"<p>{esc(COPYRIGHT_LINE)}</p>")
    return "\n          ".join(blocks)


def render_article_new(data: SiteData, article: SampleArticle, base_url: str) -> str:
    info = [f"<li>{esc(article.byline_raw)}</li>" if article.byline_raw else "",
            f"<li>{esc(article.published_raw)}</li>"]
    if article.modified_raw:
        info.append(f"<li>{esc(article.modified_raw)}</li>")
    subtitles = ""
    if article.subtitles:
        subtitles = '<ul class="subj">\n' + "\n".join(
            f"          <li>{esc(s)}</li>" for s in article.subtitles) + "\n        </ul>"
    profiles = "\n".join(
        f'    <div class="profile-box"><img src="/data/design/profile.png" alt="">'
        f'<strong class="writer">{esc(a["name"] + (" " + a["role"] if a["role"] else ""))}</strong>'
        f'<span class="desc">{SITE_NAME}</span></div>'
        for a in article.authors
    )
    meta = _meta_tags(article, base_url, with_published_time=article.position % 2 == 0)
    return _head(f"{article.title} - {SITE_NAME}", meta) + f"""<body class="view">
<div id="wrap">
{_header(data)}
<div id="container">
  <div id="contents" class="article-view">
    <div class="article-toolbar">
      <a href="javascript:;" class="btn-mail" onclick="mailSend('{article.idx}');">기사 메일전송</a>
      <a href="javascript:;" class="btn-share" onclick="snsShare();">공유</a>
      <a href="javascript:;" class="btn-font" onclick="fontSize(1);">글자크기</a>
    </div>
    <div class="article-head">
      <div class="article-head-nav"><a href="/">HOME</a> <span class="arrow">&gt;</span> <a href="/news/list.php?mcode={esc(article.mcode)}">{esc(article.section)}</a></div>
      <h3 class="article-head-title">
        {esc(article.title_raw)}
      </h3>
      <div class="article-head-info">
        <ul class="info-text">
          {"".join(info)}
        </ul>
        <a href="javascript:;" class="btn-modify" onclick="articleModify('{article.idx}');">기사수정</a>
      </div>
    </div>
    <div class="article-body">
      <div id="viewContent">
        {subtitles}
        <div class="fr-view">
          {_new_body(article)}
        </div>
        <div class="button-container">
          <button type="button" class="btn-like" onclick="articleLike('{article.idx}');"><span class="icon">♥</span> <span class="count">0</span></button>
          <button type="button" class="btn-sns" onclick="snsShare();">공유하기</button>
        </div>
        <script>
          var article_idx = '{article.idx}';
          $(function() {{ $.post('/news/ajax_count.php', {{ idx: article_idx }}); }});
        </script>
      </div>
{profiles}
    </div>
    <ul class="article-btns">
      <li><a href="/news/list.php?mcode={esc(article.mcode)}">목록 바로가기</a></li>
      <li><a href="javascript:window.print();">인쇄</a></li>
    </ul>
  {_photo_box(data, article)}
  {_prev_next_new(data, article)}
  </div>
  <div id="aside">
  {_side_boxes(data, article)}
  </div>
</div>
{_footer(href(article, "mobile"))}
</div>
</body>
</html>
"""


def _old_body(article: SampleArticle) -> str:
    """div#viewContent content of the older skin."""
    paragraphs = list(article.raw_paragraphs)
    if article.credit:
        paragraphs[0] = f"{article.credit} {paragraphs[0]}"
    images = list(article.images)
    blocks: list[str] = []
    if images:
        first = images.pop(0)
        caption = f"<p>{esc(first['caption'])}</p>" if first["caption"] is not None else ""
        blocks.append(f'<div id="img_caption"><img src="{attr(image_src(article, first["url"]))}" alt="">'
                      f"{caption}</div>")
    if "legacy_br_body" in article.features:
        blocks.append("<br><br>\n".join(lines_html(text) for text in paragraphs))
        blocks.extend(f'<br><img src="{attr(image_src(article, image["url"]))}" alt="">' for image in images)
    else:
        for number, text in enumerate(paragraphs):
            blocks.append(f"<p>{lines_html(text)}</p>")
            if images and number == 0:
                blocks.append(f'<p style="text-align:center"><img src="{attr(image_src(article, images.pop(0)["url"]))}" alt=""></p>')
        blocks.extend(f'<p><img src="{attr(image_src(article, image["url"]))}" alt=""></p>' for image in images)
    if "script_in_old_body" in article.features:
        blocks.append("<script type=\"text/javascript\">\n"
                      "          // 본문 글자 크기 복원\n"
                      "          document.getElementById('viewContent').style.fontSize = (document.cookie.match(/fs=(\\d+)/) || [0, 16])[1] + 'px';\n"
                      "        </script>")
    if article.signature:
        blocks.append(f"<p>{esc(article.signature)}</p>")
    if article.copyright:
        blocks.append(f'<p class="copyright">{esc(COPYRIGHT_LINE)}</p>')
    return "\n        ".join(blocks)


def render_article_old(data: SiteData, article: SampleArticle, base_url: str) -> str:
    dates = [f"<li>기사등록 <span>{article.published_time_text}</span></li>"]
    if article.modified_at:
        dates.append(f"<li>기사수정 <span>{article.modified_time_text}</span></li>")
    byline = "" if "credit_only_byline" in article.features else esc(article.byline_raw or "")
    meta = _meta_tags(article, base_url, with_published_time=False)
    return _head(f"{article.title} - {SITE_NAME}", meta) + f"""<body class="sub">
<div id="wrap">
{_header(data)}
<div id="container">
  <div id="contents">
    <div class="location"><a href="/">HOME</a> &gt; <a href="/news/list.php?mcode={esc(article.mcode)}">{esc(article.section)}</a></div>
    <div class="basicView">
      <div class="viewContentWrap">
        <div class="titleWrap boxPointColor">
          <strong>{esc(article.title_raw)}</strong>
          <div class="else-area">
            <p>{byline}</p>
          </div>
          <div class="registModifyDate">
            <ul>
              {"".join(dates)}
            </ul>
          </div>
        </div>
        <div class="viewTools">
          <a href="javascript:;" onclick="mailSend('{article.idx}');">기사 메일전송</a>
          <a href="javascript:window.print();">인쇄</a>
        </div>
        <div id="viewContent" class="viewContent">
        {_old_body(article)}
        </div>
      </div>
      {_prev_next_old(data, article)}
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
{_footer(href(article, "mobile"))}
</div>
</body>
</html>
"""


def render_article(data: SiteData, article: SampleArticle, base_url: str) -> str:
    if article.skin == "old":
        return render_article_old(data, article, base_url)
    return render_article_new(data, article, base_url)


def render_mobile_article(data: SiteData, article: SampleArticle, base_url: str) -> str:
    """`/m/view.php?idx=N`: a simpler page that links (and declares canonical) the desktop article."""
    desktop = f"{base_url}/news/view.php?idx={article.idx}"
    paragraphs = "\n".join(f"      <p>{lines_html(text)}</p>" for text in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} - {SITE_NAME} 모바일</title>
<link rel="canonical" href="{esc(desktop)}">
</head>
<body class="mobile">
  <div class="m-header"><a href="/m/">{SITE_NAME}</a></div>
  <div class="m-article">
    <h2 class="m-title">{esc(article.title)}</h2>
    <p class="m-info">{esc(article.byline_raw or "")} | {article.published_time_text}</p>
    <div class="m-body">
{paragraphs}
    </div>
  </div>
  <a href="/news/view.php?idx={article.idx}" class="pc-version">PC버전으로 보기</a>
</body>
</html>
"""


def render_mobile_home(data: SiteData) -> str:
    rows = "\n".join(f'    <li><a href="{attr(href(a, "mobile"))}">{esc(a.title)}</a></li>' for a in data.latest(5))
    return f"""<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>{SITE_NAME} 모바일</title></head>
<body class="mobile">
  <ul class="m-list">
{rows}
  </ul>
  <a href="/" class="pc-version">PC버전으로 보기</a>
</body>
</html>
"""


def render_deleted(message: str = "삭제된 기사입니다") -> str:
    """The CMS's page for a deleted or unknown idx: HTTP 200, no <title>, no headline, an alert."""
    return f"""<html>
<head>
<meta charset="utf-8">
</head>
<body>
<script type="text/javascript">
alert('{message}');
history.back();
</script>
</body>
</html>
"""


def render_robots() -> str:
    return "User-agent: *\nDisallow: /admin/\n"


def render_admin() -> str:
    return _head(f"관리자 로그인 - {SITE_NAME}") + """<body>
<form action="/admin/login.php" method="post"><input name="id"><input name="pw" type="password"><button>로그인</button></form>
</body>
</html>
"""


def render_not_found(path: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>The requested URL {esc(path)} was not found on this server.</p></body>
</html>
"""
