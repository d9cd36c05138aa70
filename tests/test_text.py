import lxml.html
import pytest

from newscrawl.normalizers.text import clean_text, element_to_text, is_copyright_line, join_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("\xa0\u3000\u200b", ""),
        ("제목", "제목"),
        ("  앞뒤 공백  ", "앞뒤 공백"),
        ("여러   칸    공백", "여러 칸 공백"),
        ("탭\t과\n줄바꿈\r\n", "탭 과 줄바꿈"),
        ("NBSP\xa0공백\xa0\xa0둘", "NBSP 공백 둘"),
        ("전각\u3000공백", "전각 공백"),
        ("좁은\u202f공백\u2009얇은\u2002en", "좁은 공백 얇은 en"),
        ("제로\u200b폭\u200c문\u200d자\u2060끝\ufeff", "제로폭문자끝"),
        ("\ufeff앞 BOM", "앞 BOM"),
        ("단어 \u200b 사이", "단어 사이"),
        ("오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 세계로”", "오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 세계로”"),
        ("「인용」 ▴첫째 ▴둘째 ‘작은따옴표’", "「인용」 ▴첫째 ▴둘째 ‘작은따옴표’"),
        ("이모지 😀👍🏽 그대로", "이모지 😀👍🏽 그대로"),
        ("[속보] <단독> ①②③ ㈜ ℃ ~ ※ ·ㆍ", "[속보] <단독> ①②③ ㈜ ℃ ~ ※ ·ㆍ"),
        ("&amp; 엔티티는 그대로", "&amp; 엔티티는 그대로"),
    ],
)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "저작권자 © 워크헤드라인 무단전재 및 재배포 금지",
        "저작권자 ⓒ 워크헤드라인 무단전재 및 재배포 금지",
        "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
        "<저작권자 © 뉴스1, 무단 전재 및 재배포 금지>",
        "[저작권자ⓒ 워크헤드라인. 무단전재-재배포 금지]",
        "Copyright ⓒ 워크헤드라인 All rights reserved.",
        "Copyright © 2025 workheadline.co.kr. All Rights Reserved",
        "copyright (c) 2025 site",
        "© 워크헤드라인",
        "ⓒ 한국일보 무단 전재 및 재배포 금지",
        "무단전재 및 재배포 금지",
        "무단 전재, 재배포 및 AI학습 이용 금지.",
        "\xa0저작권자 © 워크헤드라인\xa0무단전재 및 재배포 금지\xa0",
    ],
)
def test_is_copyright_line(line):
    assert is_copyright_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "경북도는 8일 도청에서 회의를 열었다.",
        "저작권자의 동의 없이 사진을 쓴 업체가 적발됐다.",
        "무단 전재를 금지하는 법안이 국회를 통과했다.",
        "(c) 세 번째 조건은 예산이다.",
        "저작권 보호 기간은 70년이다.",
        "무단전재 금지 " + "긴 본문 " * 60 + "금지",
    ],
)
def test_is_not_copyright_line(line):
    assert not is_copyright_line(line)


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ([], ""),
        (["하나", "둘"], "하나\n\n둘"),
        (["  하나  ", "", "\xa0", "\u200b", "둘"], "하나\n\n둘"),
        (["첫 줄\n둘째 줄"], "첫 줄\n둘째 줄"),
        (["첫 줄 \n\xa0\n 둘째 줄"], "첫 줄\n\n둘째 줄"),
        (["\n\n앞뒤 빈 줄\n\n"], "앞뒤 빈 줄"),
        (["본문", "저작권자 © 워크헤드라인 무단전재 및 재배포 금지"], "본문"),
        (["마지막 문장.\n저작권자 © 워크헤드라인 무단전재 및 재배포 금지"], "마지막 문장."),
        (iter(["생성기", "도 됨"]), "생성기\n\n도 됨"),
    ],
)
def test_join_paragraphs(paragraphs, expected):
    assert join_paragraphs(paragraphs) == expected


# The body of a workheadline article as the Froala editor leaves it in div.fr-view. The photo
# caption is still here because removing captions is the page parser's job (it knows the markup).
REFERENCE_BODY = """
<div class="fr-view">
<p>경상북도는 8일 도청 화백당에서 &lsquo;2025 지역혁신 포럼&rsquo;을 열었다고 밝혔다.</p>
<p>&nbsp;</p>
<p><span class="fr-img-caption fr-fic fr-dib"><span class="fr-img-wrap"><img src="../data/photos/1.jpg"><span class="fr-inner">포럼 참석자들이 기념촬영을 하고 있다.</span></span></span></p>
<p>&nbsp;</p>
<p>이날 포럼에는 도민 300여 명이 참석했다.<br>
주요 안건은 ▴청년 일자리 ▴지역 균형 발전 ▴기후 대응이다.</p>
<p>&nbsp;</p>
<p>&nbsp;</p>
<p>김 지사는 &ldquo;「지역이 살아야 나라가 산다」는 말을 잊지 않겠다&rdquo;고 말했다.</p>
<iframe src="//www.youtube.com/embed/abc123" width="640" height="360"></iframe>
<div class="button-container"><button type="button">공유하기</button></div>
<script>window.dataLayer = [];</script>
<style>.fr-view p { margin: 0 }</style>
<p>저작권자 © 워크헤드라인 무단전재 및 재배포 금지</p>
</div>
"""

REFERENCE_TEXT = (
    "경상북도는 8일 도청 화백당에서 ‘2025 지역혁신 포럼’을 열었다고 밝혔다.\n\n"
    "포럼 참석자들이 기념촬영을 하고 있다.\n\n"
    "이날 포럼에는 도민 300여 명이 참석했다.\n"
    "주요 안건은 ▴청년 일자리 ▴지역 균형 발전 ▴기후 대응이다.\n\n"
    "김 지사는 “「지역이 살아야 나라가 산다」는 말을 잊지 않겠다”고 말했다."
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (REFERENCE_BODY, REFERENCE_TEXT),
        # spacer paragraphs become one blank line, however many there are
        ("<p>하나</p><p>&nbsp;</p><p>둘</p>", "하나\n\n둘"),
        ("<p>하나</p><p>&nbsp;</p><p> </p><p><br></p><p>\u200b</p><p>둘</p>", "하나\n\n둘"),
        ("<p>하나</p><p>둘</p>", "하나\n\n둘"),
        # <br> keeps lines; a blank line made of <br><br> is a paragraph break
        ("<p>첫 줄<br>둘째 줄<br/>셋째 줄</p>", "첫 줄\n둘째 줄\n셋째 줄"),
        ("<p>첫 줄<br><br>둘째 문단</p>", "첫 줄\n\n둘째 문단"),
        ("<p>첫 줄<br><br><br><br>둘째 문단</p>", "첫 줄\n\n둘째 문단"),
        ("<p><br>앞뒤 br<br></p>", "앞뒤 br"),
        ("<p>줄<br>&nbsp;<br>다음</p>", "줄\n\n다음"),
        ("본문 텍스트<br>둘째 줄", "본문 텍스트\n둘째 줄"),
        # newlines in the HTML source are spaces
        ("<p>소스에서\n줄이 바뀐\r\n문장</p>", "소스에서 줄이 바뀐 문장"),
        # nesting and text mixed with blocks keep document order
        ("<div><div><p>a</p></div><div>b</div></div>", "a\n\nb"),
        ("<div>text<p>x</p>tail</div>", "text\n\nx\n\ntail"),
        ("<div>앞<div>안<p>깊이</p>안 뒤</div>뒤</div>", "앞\n\n안\n\n깊이\n\n안 뒤\n\n뒤"),
        ("<p>문장 <strong>굵게</strong> 와 <a href='#'>링크</a>, <span>스팬</span>.</p>", "문장 굵게 와 링크, 스팬."),
        ("<h2>소제목</h2><p>본문</p><blockquote>인용문</blockquote>", "소제목\n\n본문\n\n인용문"),
        ("<ul><li>하나</li><li>둘</li></ul><ol><li>셋</li></ol>", "하나\n\n둘\n\n셋"),
        ("<table><tr><th>항목</th><th>값</th></tr><tr><td>인구</td><td>300</td></tr></table>", "항목 값\n\n인구 300"),
        ("<p>위</p><hr><p>아래</p>", "위\n\n아래"),
        # never text
        ("<p>a<script>alert(1)</script>b</p>", "ab"),
        ("<p>본문</p><style>p { color: red }</style><noscript>자바스크립트를 켜세요</noscript>", "본문"),
        ("<p>본문</p><iframe src='//www.youtube.com/embed/x'>대체 텍스트</iframe>", "본문"),
        ("<p>본문</p><button>공유</button><form><label>검색</label><input></form>", "본문"),
        ("<p>a<!-- 주석 -->b</p>", "ab"),
        # entities are decoded once: an escaped tag is literal text
        ("<p>A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;</p>", "A & B <script>alert(1)</script>"),
        ("<p>&quot;따옴표&quot; &#39;홑&#39; &#xAC00; &hellip; &middot;</p>", "\"따옴표\" '홑' 가 … ·"),
        # whitespace and invisible characters
        ("<p>여러   칸\xa0\xa0공백 &nbsp; 끝</p>", "여러 칸 공백 끝"),
        ("<p>제로\u200b폭&#8203;문자\ufeff</p>", "제로폭문자"),
        ("<p>  앞뒤 공백  </p>", "앞뒤 공백"),
        # characters kept exactly
        ("<p>「인용」 ▴항목 “큰따옴표” ‘작은따옴표’ `백틱` 😀</p>", "「인용」 ▴항목 “큰따옴표” ‘작은따옴표’ `백틱` 😀"),
        # copyright notices go
        ("<p>본문</p><p>&lt;저작권자(c) 연합뉴스, 무단 전재-재배포 금지&gt;</p>", "본문"),
        ("<p>본문<br>Copyright ⓒ 워크헤드라인 All rights reserved.</p>", "본문"),
        # broken and empty input, as lxml parses it
        ("<p>abc</p><p>de<a hr", "abc\n\nde"),
        ("<p>열린 태그만", "열린 태그만"),
        ("</p></div>닫는 태그만", "닫는 태그만"),
        ("<", "<"),
        ("", ""),
        ("   \n ", ""),
        ("<p>&nbsp;</p><p></p>", ""),
        ("<script>only()</script>", ""),
    ],
)
def test_element_to_text(html, expected):
    assert element_to_text(lxml.html.fragment_fromstring(html, create_parent="div")) == expected
