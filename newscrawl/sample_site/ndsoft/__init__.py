"""Site N of the sample sites, "남도일보샘플" (fictional, e-mail domain sample.kr): a regional daily on the NDSoft CMS,
the second CMS family, meant to be served on 127.0.0.4.

The markup is ../shared/reference/ndsoft-markup.md where it is firm or likely, and the shared choices of
newscrawl/sample_site/ndsoft/CHOICES.md where it says unknown (the NDSoft parser is written against the same two files).

    from newscrawl import sample_site
    with sample_site.start(site="ndsoft") as site:     # or sample_site.start_ndsoft()
        site.base_url                                  # 'http://127.0.0.4:PORT'
        site.expected_items()                          # ground truth at that base URL, in idxno order
    sample_site.ndsoft.GONE                            # {idxno: 'unapproved_notice' | 'deleted_notice'}

`python -m newscrawl.sample_site --site ndsoft` serves it in the foreground.

Modules: content.py (data + ground truth), pages.py (HTML), feeds.py (RSS, sitemap, robots.txt), routes.py (URLs,
NdsoftApp, the NDSOFT Markup).

The site
* 104 articles, idxno 24501-24606 (dense, in publication order, with the two notices among them), 2014-2026, KST.
  Sections S1N1 정치, S1N2 사회 (its sub-section S2N3 교육 lists 8 of its articles too), S1N3 경제; S1N9 기획연재
  is retired: only inside an HTML comment in the home page's menu, its list is empty.
* Skins: S1N3 (22 articles, 2014-2016) is the pre-2018 table layout served as EUC-KR (CP949 bytes, charset=euc-kr
  in the header and a meta http-equiv), its list pages too, in the list-block skin; 18 articles of 2016-2019 are
  the "user-container" skin; 64 of 2020-2026 the current skin (UTF-8).  The all-articles and S1N1/S1N2 lists are
  section#section-list > ul.type2; the S2N3 list the third skin (div.item > a.auto-titles, a.auto-section).
* Lists: 20 entries a page, newest first, `&page=N`; a page past the last is the last page again; pager
  div.pagination > ul > li > a.  Some entries' links carry &replyAll=&reply_sc_order_by=C or &sc_word=....
* Notices (GONE): UNAPPROVED_IDX answers 200 with "관리자가 검토중인 기사 입니다.", DELETED_IDX with an alert script
  "존재하지 않는 링크입니다." (as does any unknown idxno); both are listed on S1N2's and the all-articles lists.
* UNLISTED_IDX: one S1N1 article on no list, home box, related box, feed or sitemap: only its neighbours'
  previous/next links reach it.
* Previous/next: per top-level section, prev = the older article, next = the newer; ul.view-prev-next > li.prev /
  li.next with span 이전기사 / 다음기사 + a TITLE, after the copyright box; no li where there is no neighbour.
* Feeds and sitemap: see feeds.py (403 on /rss/allArticle.xml without a "Mozilla/" User-Agent; BOM titles).
* `VARIATIONS` maps each feature to the idxnos that show it: skin_current / skin_user_container / skin_table,
  subtitle, two_subtitles, modified, photo, two_photos, photo_without_caption, photo_absolute_src, tts_line,
  photo_credit, figure_img_multi, related_box, faq_box, two_reporters, reporter_email, reporter_without_email,
  non_cp949 (▴ or an emoji in the body; UTF-8 pages only), messy_title (zero-width / double space in the printed
  title), nbsp_paragraph, sub_section, unlisted, first_in_section, last_in_section.

Ground truth (`NdsoftArticle.expected(base_url)`, the keys of site A's SampleArticle.expected)
* url: http://127.0.0.4:PORT/news/articleView.html?idxno=N; article_id "N"; section the top-level name and
  section_code its S1N<k> code (also for articles listed in S2N3).
* title: clean (content.clean_text); subtitles: the h4.subheading texts (current skin only), else [].
* byline_raw: "홍길동 기자" / "홍길동·김철수 기자" (current: the hidden 기자명 label stripped, no e-mail printed);
  "홍길동 기자 hong@sample.kr" or "홍길동 기자" (user-container, bullet dropped); "홍길동 기자 hong@sample.kr" (table:
  the body's trailing line).  authors: what newscrawl.normalizers.bylines.parse_byline gives for byline_raw.
* published_raw: "입력 2025.11.10 16:32" / "승인 2016.03.19 13:21" (bullet dropped) / "승인 2015.05.03 14:20";
  modified_raw "수정 2025.11.11 09:00" / "updated. 2016-03-20 09:09 (일)" or None; *_at ISO with seconds, +09:00.
* body: the paragraphs joined by "\\n\\n", without the TTS line, photo credits, captions, figure-img-multi, related
  and FAQ boxes, the copyright line and (table layout) the trailing byline line.
* images: [{"url": absolute, "caption": figcaption text or None}] for figure.photo-layout only.
* prev_url / next_url: canonical URLs or None.
"""

from .content import (ARTICLES, ARTICLES_BY_IDX, DATA, DELETED_IDX, EMAIL_DOMAIN, EUCKR_SECTION, FEED_SIZE, GONE, HOST,
                      NOTICES, PAGE_SIZE, SECTIONS, SITE_NAME, SITEMAP_SIZE, SUB_SECTIONS, UNAPPROVED_IDX, UNLISTED_IDX,
                      VARIATIONS, NdsoftArticle, NdsoftSiteData, Notice, SubSection, bom_in_feed, expected_items,
                      gone_items)
from .routes import NDSOFT, NdsoftApp

__all__ = [
    "ARTICLES", "ARTICLES_BY_IDX", "DATA", "DELETED_IDX", "EMAIL_DOMAIN", "EUCKR_SECTION", "FEED_SIZE", "GONE", "HOST",
    "NDSOFT", "NOTICES", "PAGE_SIZE", "SECTIONS", "SITE_NAME", "SITEMAP_SIZE", "SUB_SECTIONS", "UNAPPROVED_IDX",
    "UNLISTED_IDX", "VARIATIONS", "NdsoftApp", "NdsoftArticle", "NdsoftSiteData", "Notice", "SubSection",
    "bom_in_feed", "expected_items", "gone_items",
]
