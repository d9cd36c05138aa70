"""Site N's HTML: home, the three list skins, the three article skins, the notices.

Markup where ndsoft-markup.md is firm or likely is the reference's; where it says unknown (sub-menu, pager,
previous/next box, breadcrumb, the older list skins' details, the table layout's cells) it is the shared choice of
newscrawl/sample_site/ndsoft/CHOICES.md, marked "unconfirmed" below.  Every function returns text; routes.py encodes it (UTF-8,
or CP949 for the EUC-KR section, see `is_euckr_page`).
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from .content import (COPYRIGHT_LINE, DELETED_TEXT, EUCKR_SECTION, RETIRED_SECTION, SITE_NAME, SKIN_TABLE,
                      SKIN_USER_CONTAINER, TABLE_COPYRIGHT_LINE, TTS_LINE, UNAPPROVED_TEXT, NdsoftArticle,
                      NdsoftSiteData)

LIST_PATH = "/news/articleList.html"
HOME_ARTICLE_BOXES = 3
HOME_LIST_BIG = 8
PHOTO_ICON = "/image/icon_photo.gif"


def esc(text: str) -> str:
    return escape(text, quote=True)


def section_list_url(code: str) -> str:
    return f"{LIST_PATH}?sc_section_code={code}&view_type=sm"


def sub_section_list_url(code: str) -> str:
    return f"{LIST_PATH}?sc_sub_section_code={code}&view_type=sm"


ALL_LIST_URL = f"{LIST_PATH}?view_type=sm"


def list_href(item, keyword: str | None = None) -> str:
    """An entry's link on list pages: the article path, on some entries with the extra parameters real lists carry
    (&replyAll=&reply_sc_order_by=C, or &sc_word=...; search results always carry &sc_word=KEYWORD).  The canonical
    URL stays ?idxno=N."""
    if keyword is not None:
        return f"{item.path}&sc_word={quote(keyword)}"
    if item.idx % 7 == 3:
        return f"{item.path}&replyAll=&reply_sc_order_by=C"
    if item.idx % 11 == 5:
        return f"{item.path}&sc_word={quote(item.title.split()[0].rstrip(','))}"
    return item.path


def thumbnail(item) -> str | None:
    if not item.images:
        return None
    published = item.published
    return f"/news/thumbnail/{published:%Y%m}/{item.idx}_{item.idx * 3}_{published:%H%M}_v150.jpg"


# --------------------------------------------------------------------------------------------------------------
# Page chrome


def _head_utf8(title: str, extra: str = "", feeds: tuple[tuple[str, str], ...] = ()) -> str:
    alternates = "".join(
        f'<link rel="alternate" type="application/rss+xml" title="{esc(SITE_NAME)} {esc(name)}" href="{href}">\n'
        for name, href in (("전체기사", "/rss/allArticle.xml"), *feeds))
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{extra}{alternates}</head>
"""


def _head_euckr(title: str, feeds: tuple[tuple[str, str], ...] = ()) -> str:
    alternates = "".join(
        f'<link rel="alternate" type="application/rss+xml" title="{esc(SITE_NAME)} {esc(name)}" href="{href}">\n'
        for name, href in (("전체기사", "/rss/allArticle.xml"), *feeds))
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>{esc(title)}</title>
{alternates}</head>
"""


def mega_menu(data: NdsoftSiteData, base_url: str, retired_comment: bool = True) -> str:
    """The firm 2018 menu: ul#mega-menu.mega-menu > li.megaline > a > strong NAME, absolute links, 전체기사 first;
    the sub-section as ul.sub-menu inside its parent's li (unconfirmed); a retired section in a comment."""
    base = base_url.rstrip("/")
    items = [f'<li class="megaline"><a href="{esc(base + ALL_LIST_URL)}"><strong>전체기사</strong></a></li>']
    for section in data.sections:
        subs = [s for s in data.sub_sections if s.parent == section.mcode]
        sub_menu = ""
        if subs:
            sub_menu = '<ul class="sub-menu">' + "".join(
                f'<li><a href="{esc(sub_section_list_url(s.code))}">{esc(s.name)}</a></li>' for s in subs) + "</ul>"
        items.append(f'<li class="megaline"><a href="{esc(base + section_list_url(section.mcode))}">'
                     f"<strong>{esc(section.name)}</strong></a>{sub_menu}</li>")
    if retired_comment:
        items.append(f'<!-- <li class="megaline"><a href="{esc(base + section_list_url(RETIRED_SECTION.mcode))}">'
                     f"<strong>{esc(RETIRED_SECTION.name)}</strong></a></li> -->")
    return '<ul id="mega-menu" class="mega-menu">\n' + "\n".join(items) + "\n</ul>"


def _header(data: NdsoftSiteData, base_url: str) -> str:
    return f"""<body>
<div id="user-wrap">
<header id="user-header">
<h1 class="logo"><a href="/">{esc(SITE_NAME)}</a></h1>
<nav id="user-nav">
{mega_menu(data, base_url)}
</nav>
</header>
<div id="container">
"""


_FOOTER = f"""</div>
<footer id="user-footer">
<p class="company">{esc(SITE_NAME)} | 전라남도 목포시 샘플로 1 | 등록번호 전남 아00000 | 발행·편집인 홍길동</p>
<p class="copyright">Copyright © {esc(SITE_NAME)}. All rights reserved.</p>
</footer>
</div>
</body>
</html>
"""


# Live pages carry far more around the article than these pages do: most-read and latest boxes, ad slots. Their
# size is unknown here (no live page can be fetched), so the benchmark pads the article pages with this sidebar to
# show how each extractor's cost grows with the page (`with_sidebar`). The boxes' entries are the third list skin's
# `div.item` (likely); the aside around them and the ad script are unconfirmed.
SIDEBAR_BOX_TITLE = "많이 본 기사"
SIDEBAR_BOX_ENTRIES = 10
SIDEBAR_AD_SCRIPT = ("<script type=\"text/javascript\">\n"
                     + "".join(f"googletag.cmd.push(function() {{ googletag.defineSlot('/21700000/side_{slot}', "
                               f"[300, 250], 'div-gpt-ad-side-{slot}').addService(googletag.pubads()); }});\n"
                               for slot in range(4))
                     + "</script>")


def with_sidebar(data: NdsoftSiteData, html: str, boxes: int) -> str:
    """An article page with `boxes` sidebar boxes (each ten latest articles and an ad script) before its footer."""
    entries = "\n".join(_auto_entry(item) for item in data.latest(SIDEBAR_BOX_ENTRIES))
    box = (f'<section class="auto-article">\n<h2 class="auto-header">{SIDEBAR_BOX_TITLE}</h2>\n{entries}\n</section>\n'
           f"{SIDEBAR_AD_SCRIPT}\n")
    if html.count(_FOOTER) != 1:
        raise ValueError("with_sidebar: the page does not end with the sample site's footer")
    return html.replace(_FOOTER, f'<aside class="sidebar">\n{box * boxes}</aside>\n{_FOOTER}')


# --------------------------------------------------------------------------------------------------------------
# Home page


def render_home(data: NdsoftSiteData, base_url: str) -> str:
    latest = data.latest(HOME_ARTICLE_BOXES + HOME_LIST_BIG)
    boxes = []
    for article in latest[:HOME_ARTICLE_BOXES]:
        thumb = thumbnail(article)
        image = (f'<img src="{esc(thumb)}" onclick="location.href=\'{esc(article.path)}\'" alt="" '
                 f'style="cursor:pointer">') if thumb else ""
        boxes.append(f'<div class="Article">\n<a href="{esc(article.path)}"><h2 class="FtColor_T">{esc(article.title)}'
                     f"</h2></a>\n{image}\n<span>{esc(article.teaser)}</span>\n</div>")
    list_big = []
    for article in latest[HOME_ARTICLE_BOXES:]:
        icon = f' <img src="{PHOTO_ICON}" alt="사진" class="photo-icon">' if article.images else ""
        list_big.append(f'<li class="ListBig"><a href="{esc(article.path)}"><h3 class="FtColor_T">'
                        f"{esc(article.title)}{icon}</h3></a></li>")
    return _head_utf8(SITE_NAME) + _header(data, base_url) + f"""<div id="main-head">
{chr(10).join(boxes)}
</div>
<div id="main-list">
<ul class="ListBigBox">
{chr(10).join(list_big)}
</ul>
</div>
<iframe src="/Autobox/675_mainhead2.html" width="300" height="250" frameborder="0" scrolling="no" title="많이 본 뉴스"></iframe>
""" + _FOOTER


def render_autobox() -> str:
    """The home page's iframe box: a separate page (its own HTML, no article links)."""
    return """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>Autobox</title></head>
<body><div class="autobox"><p>잠시 후 다시 시도해 주세요.</p></div></body></html>
"""


# --------------------------------------------------------------------------------------------------------------
# List pages


def pager(params: str, page: int, last: int) -> str:
    """Unconfirmed markup (the reference says the pager is unknown): div.pagination > ul > li > a, every page."""
    items = []
    for number in range(1, last + 1):
        current = ' class="current"' if number == page else ""
        items.append(f'<li{current}><a href="{esc(f"{LIST_PATH}?{params}&page={number}")}">{number}</a></li>')
    return '<div class="pagination"><ul>' + "".join(items) + "</ul></div>"


def _type2_entry(item, keyword: str | None = None) -> str:
    href = esc(list_href(item, keyword))
    thumb = thumbnail(item)
    image = f'<a class="thumb" href="{href}"><img src="{esc(thumb)}" alt=""></a>\n' if thumb else ""
    return f"""<li>
{image}<h4 class="titles"><a href="{href}">{esc(item.title)}</a></h4>
<p class="lead"><a href="{href}">{esc(item.teaser)}</a></p>
<span class="byline"><em>{esc(item.section)}</em><em>{esc(item.reporter)}</em><em>{esc(item.list_date)}</em></span>
</li>"""


def _auto_entry(item) -> str:
    """The third list skin (sub-section lists): div.item > a.auto-section + a.auto-titles (details unconfirmed)."""
    return f"""<div class="item">
<a class="auto-section" href="{esc(section_list_url(item.mcode))}">{esc(item.section)}</a>
<a class="auto-titles" href="{esc(list_href(item))}">{esc(item.title)}</a>
<span class="auto-dated">{esc(item.list_date)}</span>
</div>"""


def _list_block_entry(item) -> str:
    """The older list skin of the EUC-KR section: div.list-block > div.list-titles > a, div.list-dated
    'SECTION | REPORTER | YYYY-MM-DD HH:MM' (unconfirmed)."""
    href = esc(list_href(item))
    return f"""<div class="list-block">
<div class="list-titles"><a href="{href}">{esc(item.title)}</a></div>
<div class="list-summary"><a href="{href}">{esc(item.teaser)}</a></div>
<div class="list-dated">{esc(item.section)} | {esc(item.reporter)} | {item.published:%Y-%m-%d %H:%M}</div>
</div>"""


def list_params(section_code: str | None, sub_code: str | None, keyword: str | None) -> str:
    if keyword is not None:
        return f"sc_area=A&sc_word={quote(keyword)}&view_type=sm"
    if sub_code:
        return f"sc_sub_section_code={sub_code}&view_type=sm"
    if section_code:
        return f"sc_section_code={section_code}&view_type=sm"
    return "view_type=sm"


def is_euckr_list(section_code: str | None, sub_code: str | None, keyword: str | None) -> bool:
    return keyword is None and not sub_code and section_code == EUCKR_SECTION


def render_list(data: NdsoftSiteData, base_url: str, section_code: str | None = None, sub_code: str | None = None,
                page: int | None = 1, keyword: str | None = None) -> str:
    """One list page.  A sub-section code wins over a section code; a keyword (sc_word) makes it a search.
    A page past the last is the last page again; an unknown (or the retired) code lists nothing."""
    params = list_params(section_code, sub_code, keyword)
    if keyword is not None:
        found = data.search(keyword)
        last = max(1, -(-len(found) // data.page_size))
        page = min(max(page or 1, 1), last)
        entries = found[(page - 1) * data.page_size : page * data.page_size]
        name = f"'{keyword}' 검색결과"
    else:
        code = sub_code or section_code
        if code is not None and not data.known_list_code(code):
            entries, page, last = [], 1, 1
        else:
            last = data.page_count(code)
            page = data.clamp_page(code, page)
            entries = data.list_page(code, page)
        if sub_code:
            sub = data.by_sub_code.get(sub_code)
            name = sub.name if sub else "기사목록"
        elif section_code:
            section = data.section(section_code)
            name = section.name if section else "기사목록"
        else:
            name = "전체기사"
    if is_euckr_list(section_code, sub_code, keyword):
        feeds = ((name, f"/rss/{section_code}.xml"),)
        return _head_euckr(f"{name} - {SITE_NAME}", feeds) + f"""<body>
<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td>
<a href="/"><img src="/image/logo.gif" alt="{esc(SITE_NAME)}"></a>
{mega_menu(data, base_url, retired_comment=False)}
</td></tr></table>
<table width="660" cellpadding="0" cellspacing="0" border="0"><tr><td class="list-title">{esc(name)}</td></tr>
<tr><td>
<div id="list-wrap">
{chr(10).join(_list_block_entry(item) for item in entries)}
</div>
{pager(params, page, last)}
</td></tr></table>
</body>
</html>
"""
    if sub_code and keyword is None:
        body = '<div class="auto-article">\n' + "\n".join(_auto_entry(item) for item in entries) + "\n</div>"
    else:
        body = ('<section id="section-list">\n<ul class="type2">\n' + "\n".join(_type2_entry(item, keyword) for item in entries)
                + "\n</ul>\n</section>")
    feeds = ((name, f"/rss/{section_code}.xml"),) if section_code and data.section(section_code) and not sub_code \
        and keyword is None else ()
    return _head_utf8(f"{name} - {SITE_NAME}", feeds=feeds) + _header(data, base_url) + f"""<div class="list-title"><strong>{esc(name)}</strong></div>
{body}
{pager(params, page, last)}
""" + _FOOTER


# --------------------------------------------------------------------------------------------------------------
# Article pages


def _prev_next(data: NdsoftSiteData, article: NdsoftArticle) -> str:
    """Unconfirmed markup: ul.view-prev-next > li.prev / li.next, each 'span label + a TITLE'; no li without a
    neighbour."""
    items = []
    for css, label, idx in (("prev", "이전기사", article.prev_idx), ("next", "다음기사", article.next_idx)):
        neighbour = data.get(idx) if idx else None
        if neighbour is not None:
            items.append(f'<li class="{css}"><span>{label}</span> <a href="{esc(neighbour.path)}">'
                         f"{esc(neighbour.title)}</a></li>")
    return '<ul class="view-prev-next">' + "".join(items) + "</ul>" if items else ""


def _photo(article: NdsoftArticle, number: int, base_url: str) -> str:
    image = article.images[number]
    src = article.image_srcs[number].replace("{base}", base_url.rstrip("/")) if number < len(article.image_srcs) \
        else image["url"]
    caption = image["caption"]
    figcaption = f"<figcaption>{esc(caption)}</figcaption>" if caption is not None else ""
    return (f'<figure class="photo-layout image photo-layout-center" style="width:600px">'
            f'<img src="{esc(src)}" alt="{esc(caption or "")}">{figcaption}</figure>')


def _multi_photo(article: NdsoftArticle) -> str:
    published = article.published
    imgs = "".join(f'<img src="/news/photo/{published:%Y%m}/{article.idx}_m{n}.jpg" alt="">' for n in (1, 2))
    return f'<figure class="figure-img-multi">{imgs}<figcaption>현장 스케치</figcaption></figure>'


def _related_box(data: NdsoftSiteData, article: NdsoftArticle) -> str:
    links = "".join(f'<li><a href="{esc(data.get(idx).path)}">{esc(data.get(idx).title)}</a></li>'
                    for idx in article.related if data.get(idx) is not None)
    return f'<div class="related"><h4 class="related-title">관련기사</h4><ul>{links}</ul></div>'


def _faq_box(article: NdsoftArticle) -> str:
    return ('<div id="tem-type-8" class="tem-type-8"><h4 class="faq-title">자주 묻는 질문</h4>'
            '<div class="faq-item"><p class="q">Q. 이 소식은 언제부터 적용되나요?</p>'
            f'<p class="a">A. 기사 작성일({article.published:%Y년 %m월 %d일}) 기준으로 안내된 일정에 따릅니다.</p></div>'
            '<div class="faq-item"><p class="q">Q. 자세한 내용은 어디서 볼 수 있나요?</p>'
            '<p class="a">A. 관계 기관 누리집이나 민원 콜센터에서 확인할 수 있습니다.</p></div></div>')


def _body_blocks(data: NdsoftSiteData, article: NdsoftArticle, base_url: str) -> list[str]:
    """The body box's children in page order: TTS line, first photo and its credit, paragraphs with the second
    photo after the third and the figure-img-multi after the second, then the related and FAQ boxes."""
    blocks = []
    if article.tts:
        blocks.append(f"<p>{TTS_LINE}</p>")
    if article.images:
        blocks.append(_photo(article, 0, base_url))
    if article.photo_credit:
        blocks.append(f"<p>{esc(article.photo_credit)}</p>")
    for number, paragraph in enumerate(article.raw_paragraphs):
        blocks.append(f"<p>{esc(paragraph)}</p>")
        if number == 1 and article.multi_photo:
            blocks.append(_multi_photo(article))
        if number == 2 and len(article.images) > 1:
            blocks.append(_photo(article, 1, base_url))
    if article.related:
        blocks.append(_related_box(data, article))
    if article.faq:
        blocks.append(_faq_box(article))
    return blocks


def render_article(data: NdsoftSiteData, article: NdsoftArticle, base_url: str) -> str:
    if article.skin == SKIN_TABLE:
        return render_table_article(data, article, base_url)
    if article.skin == SKIN_USER_CONTAINER:
        return render_user_container_article(data, article, base_url)
    return render_current_article(data, article, base_url)


def is_euckr_page(article: NdsoftArticle) -> bool:
    return article.skin == SKIN_TABLE


def render_current_article(data: NdsoftSiteData, article: NdsoftArticle, base_url: str) -> str:
    base = base_url.rstrip("/")
    url = article.url(base)
    meta = [
        f'<link rel="canonical" href="{esc(url)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{esc(article.title)}">',
        f'<meta property="og:url" content="{esc(url)}">',
        f'<meta property="og:description" content="{esc(article.teaser)}">',
    ]
    if article.images:
        meta.append(f'<meta property="og:image" content="{esc(base + article.images[0]["url"])}">')
    meta += [
        f'<meta property="article:published_time" content="{article.published_at}">',
        f'<meta property="article:section" content="{esc(article.section)}">',
        f'<meta name="author" content="{esc(article.reporter)}">',
    ]
    subtitles = "".join(f'<h4 class="subheading">{esc(s)}</h4>\n' for s in article.subtitles)
    infos = [f'<li><i class="icon-user-o"></i><span class="show-for-sr">기자명</span> {esc(article.reporter)}</li>',
             f'<li><i class="icon-clock-o"></i> {esc(article.published_raw)}</li>']
    if article.modified_raw:
        infos.append(f'<li><i class="icon-clock-o"></i> {esc(article.modified_raw)}</li>')
    body = "\n".join(_body_blocks(data, article, base))
    return _head_utf8(f"{article.title} - {SITE_NAME}", "\n".join(meta) + "\n") + _header(data, base) + f"""<div id="article-view" class="article-view">
<header class="article-view-header">
<nav class="breadcrumbs"><a href="/">홈</a> <a href="{esc(section_list_url(article.mcode))}">{esc(article.section)}</a></nav>
<h3 class="heading">{esc(article.title_raw)}</h3>
{subtitles}<div class="info-group">
<ul class="infomation">
{chr(10).join(infos)}
</ul>
</div>
</header>
<script type="text/javascript">
var el = document.querySelector('#article-view-content-div');
if (el) {{ el.style.fontSize = (window.localStorage && localStorage.getItem('ndFontSize')) || ''; }}
</script>
<div class="article-view-content">
<article id="article-view-content-div" class="article-veiw-body view-page font-size17" itemprop="articleBody">
{body}
</article>
</div>
<div class="view-copyright">{esc(COPYRIGHT_LINE)}</div>
{_prev_next(data, article)}
</div>
""" + _FOOTER


def render_user_container_article(data: NdsoftSiteData, article: NdsoftArticle, base_url: str) -> str:
    """The 2013-2019 skin: div.user-container, .article-head-nav > a, div.article-head-title, ul.info-text."""
    infos = [f"<li>• {esc(article.byline_raw)}</li>", f"<li>• {esc(article.published_raw)}</li>"]
    if article.modified_raw:
        infos.append(f"<li>{esc(article.modified_raw)}</li>")
    infos.append("<li>• 댓글 0</li>")
    blocks = []
    if article.images:
        blocks.append(_photo(article, 0, base_url))
    if article.photo_credit:
        blocks.append(f"<p>{esc(article.photo_credit)}</p>")
    blocks += [f"<p>{esc(p)}</p>" for p in article.raw_paragraphs]
    gnb = "".join(f'<li><a href="{esc(section_list_url(s.mcode))}">{esc(s.name)}</a></li>' for s in data.sections)
    extra = f'<meta property="og:title" content="{esc(article.title)}">\n'
    return _head_utf8(f"{article.title} - {SITE_NAME}", extra) + f"""<body>
<div id="top-header">
<h1 class="logo"><a href="/">{esc(SITE_NAME)}</a></h1>
<ul class="gnb"><li><a href="{ALL_LIST_URL}">전체기사</a></li>{gnb}</ul>
</div>
<div class="user-container">
<div class="article-head">
<div class="article-head-nav"><a href="{esc(section_list_url(article.mcode))}">{esc(article.section)}</a></div>
<div class="article-head-title">{esc(article.title_raw)}</div>
<div class="article-head-info">
<ul class="info-text">
{chr(10).join(infos)}
</ul>
</div>
</div>
<div class="article-body">
<div id="article-view-content-div" class="article-view-content">
{chr(10).join(blocks)}
</div>
</div>
<article class="article-copy">{esc(COPYRIGHT_LINE)}</article>
{_prev_next(data, article)}
</div>
<div id="footer"><p>Copyright © {esc(SITE_NAME)}. All rights reserved.</p></div>
</body>
</html>
"""


def render_table_article(data: NdsoftSiteData, article: NdsoftArticle, base_url: str) -> str:
    """The pre-2018 table layout (EUC-KR): td.View_Title, td.View_Info, the body's last two paragraphs the byline
    and the copyright line (cells unconfirmed).  No section on the page but the menu."""
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in article.raw_paragraphs)
    copyright_line = esc(TABLE_COPYRIGHT_LINE).replace("©", "&copy;")
    return _head_euckr(f"{article.title} - {SITE_NAME}") + f"""<body>
<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td>
<a href="/"><img src="/image/logo.gif" alt="{esc(SITE_NAME)}"></a>
{mega_menu(data, base_url, retired_comment=False)}
</td></tr></table>
<table width="660" cellpadding="0" cellspacing="0" border="0" class="View_Table">
<tr><td class="View_Title">{esc(article.title_raw)}</td></tr>
<tr><td class="View_Info">{esc(article.published_raw)}</td></tr>
<tr><td class="View_Body">
<div id="article-view-content-div">
{paragraphs}
<p>{esc(article.byline_raw)}</p>
<p>{copyright_line}</p>
</div>
</td></tr>
</table>
{_prev_next(data, article)}
<table width="100%"><tr><td class="footer">Copyright &copy; {esc(SITE_NAME)}. All rights reserved.</td></tr></table>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------------------
# Notices and errors


def render_unapproved(data: NdsoftSiteData, base_url: str) -> str:
    """An idxno whose article is not approved yet: a 200 page saying so, no headline, no body box."""
    return _head_utf8(SITE_NAME) + _header(data, base_url) + f"""<div class="article-notice">
<p class="notice-text">{UNAPPROVED_TEXT}</p>
<p><a href="/">홈으로</a></p>
</div>
""" + _FOOTER


def render_deleted() -> str:
    """A deleted (or unknown) idxno: a 200 page with the alert script."""
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>{esc(SITE_NAME)}</title>
</head>
<body>
<script type="text/javascript">
alert('{DELETED_TEXT}');
history.back();
</script>
</body>
</html>
"""




def render_forbidden() -> str:
    return """<!DOCTYPE html>
<html><head><title>403 Forbidden</title></head>
<body><h1>Forbidden</h1><p>You don't have permission to access this resource.</p></body>
</html>
"""


def render_admin() -> str:
    return _head_utf8(f"관리자 로그인 - {SITE_NAME}") + """<body>
<form action="/member/login.html" method="post"><input name="user_id"><input name="user_pw" type="password"><button>로그인</button></form>
</body>
</html>
"""
