"""Markdown is rendered and sanitized in one place. What comes out is parsed as a browser
would parse it, never matched with regular expressions."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from briefings.markdown import render_markdown

from ..factories import AssessmentFactory, BriefingFactory

FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "style", "object", "embed", "applet", "img", "svg",
    "math", "form", "input", "button", "textarea", "select", "base", "meta", "link", "video",
    "audio", "source", "template", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
SAFE_SCHEMES = {"http", "https", "mailto"}

XSS_PAYLOADS = {
    "script tag": "<script>alert(1)</script>",
    "script tag mixed case": "<ScRiPt>alert(1)</sCrIpT>",
    "script split across markdown": "Text\n\n<script>\nalert(1)\n</script>\n\nMore text",
    "script in markdown emphasis": "*<script>alert(1)</script>*",
    "img onerror": '<img src="x" onerror="alert(1)">',
    "img onerror unquoted": "<img src=x onerror=alert(1)//>",
    "svg onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "svg with script": "<svg><script>alert(1)</script></svg>",
    "math with link": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "body onload": '<body onload="alert(1)">',
    "details ontoggle": "<details open ontoggle=alert(1)>",
    "paragraph onclick": '<p onclick="alert(1)">click</p>',
    "anchor onmouseover": '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    "javascript markdown link": "[click](javascript:alert(1))",
    "javascript markdown link mixed case": "[click](JaVaScRiPt:alert(1))",
    "javascript markdown link leading space": "[click]( javascript:alert(1))",
    "javascript markdown link in angle brackets": "[click](<javascript:alert(1)>)",
    "javascript autolink": "<javascript:alert(1)>",
    "javascript html link": '<a href="javascript:alert(1)">click</a>',
    "javascript html link leading whitespace": '<a href="  javascript:alert(1)">click</a>',
    "javascript html link with tab entity": '<a href="jav&#x09;ascript:alert(1)">click</a>',
    "javascript html link with newline entity": '<a href="jav&#x0A;ascript:alert(1)">click</a>',
    "javascript html link with null entity": '<a href="java&#0;script:alert(1)">click</a>',
    "javascript entity-encoded decimal": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "javascript entity-encoded hex": '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
    "javascript named colon entity": '<a href="javascript&colon;alert(1)">x</a>',
    "javascript entity in markdown link": "[x](&#106;avascript:alert(1))",
    "javascript percent-encoded": "[x](javascript%3Aalert(1))",
    "javascript reference link": "[click][evil]\n\n[evil]: javascript:alert(1)",
    "javascript reference link with title": '[click][evil]\n\n[evil]: javascript:alert(1) "Title"',
    "javascript image": "![x](javascript:alert(1))",
    "data markdown link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data html link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data uppercase": "[x](DATA:text/html,alert(1))",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "vbscript markdown link": "[x](vbscript:msgbox(1))",
    "vbscript html link mixed case": '<a href="VbScRiPt:msgbox(1)">x</a>',
    "file scheme": "[x](file:///etc/passwd)",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "style element": "<style>body { background: url(javascript:alert(1)) }</style>",
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "form action": '<form action="javascript:alert(1)"><button>go</button></form>',
    "button formaction": '<button formaction="javascript:alert(1)">go</button>',
    "base href": '<base href="javascript:alert(1)//">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "link stylesheet": '<link rel="stylesheet" href="javascript:alert(1)">',
    "title attribute breakout": '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "title attribute breakout single quote": "[x](https://example.org 'a\" onmouseover=\"alert(1)')",
    "title attribute with html": '[x](https://example.org "<script>alert(1)</script>")',
    "html comment hiding script": "<!-- --><script>alert(1)</script><!-- -->",
    "script inside html comment": "<!--<script>alert(1)</script>-->",
    "conditional comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "comment breakout": "<!-- --!><script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "markdown inside html block": '<div markdown="1">[x](javascript:alert(1))</div>',
    "nested tags": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "unclosed script": "<script>alert(1)",
    "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "template": "<template><script>alert(1)</script></template>",
    "table cell onmouseover": "| a |\n|---|\n| <td onmouseover=alert(1)>x</td> |",
    "abbr title onfocus": '<abbr title="x" onfocus="alert(1)" tabindex="0">x</abbr>',
    "code span is inert": "`<script>alert(1)</script>`",
    "fenced code is inert": "```\n<script>alert(1)</script>\n```",
}


def links(soup):
    """Every URL-bearing attribute in the output, with its value."""
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute.lower() in URL_ATTRIBUTES:
                yield element.name, attribute, value


def scheme(url: str) -> str:
    # Browsers drop ASCII whitespace and control characters before reading a scheme
    # ("jav\tascript:" is javascript:), so the check does too.
    return urlsplit(re.sub(r"[\x00-\x20\x7f]", "", url)).scheme.lower()


@pytest.mark.parametrize("payload", list(XSS_PAYLOADS.values()), ids=list(XSS_PAYLOADS))
def test_payload_leaves_no_forbidden_element(payload):
    soup = BeautifulSoup(render_markdown(payload), "html.parser")
    assert {e.name for e in soup.find_all(True)} & FORBIDDEN_ELEMENTS == set()


@pytest.mark.parametrize("payload", list(XSS_PAYLOADS.values()), ids=list(XSS_PAYLOADS))
def test_payload_leaves_no_event_handler_or_style_attribute(payload):
    soup = BeautifulSoup(render_markdown(payload), "html.parser")
    attributes = {a.lower() for e in soup.find_all(True) for a in e.attrs}
    assert {a for a in attributes if a.startswith("on") or a == "style"} == set()


@pytest.mark.parametrize("payload", list(XSS_PAYLOADS.values()), ids=list(XSS_PAYLOADS))
def test_payload_leaves_only_safe_link_schemes(payload):
    soup = BeautifulSoup(render_markdown(payload), "html.parser")
    unsafe = [
        (tag, attr, value) for tag, attr, value in links(soup) if scheme(value) not in SAFE_SCHEMES | {""}
    ]
    assert unsafe == []


@pytest.mark.parametrize("payload", list(XSS_PAYLOADS.values()), ids=list(XSS_PAYLOADS))
def test_payload_leaves_only_allowed_elements(payload):
    from briefings.markdown import ALLOWED_TAGS

    soup = BeautifulSoup(render_markdown(payload), "html.parser")
    assert {e.name for e in soup.find_all(True)} <= ALLOWED_TAGS


def test_scheme_check_sees_through_control_characters():
    assert scheme("jav\tascript:alert(1)") == "javascript"


# --- Ordinary Markdown still renders --------------------------------------------------

ARTICLE = """\
## Bottom line

Russia is *likely* to **benefit** from the coup.

### Why

- Moscow's ties to the junta
- Wagner's presence nearby

1. First
2. Second

See [the FPRI analysis](https://www.fpri.org/article/2020/09/russia-mali/ "FPRI") or
[write to us](mailto:desk@example.org) or [the Mali page](/countries/mali/).

> The coup was welcomed in Moscow.

| Actor | Role |
|-------|------|
| CNSP  | initiator |

Text with `code` and a footnote-free H~2~O.
"""


@pytest.fixture(scope="module")
def article():
    return BeautifulSoup(render_markdown(ARTICLE), "html.parser")


def test_headings_render(article):
    assert [h.get_text() for h in article.find_all(["h2", "h3"])] == ["Bottom line", "Why"]


def test_emphasis_renders(article):
    assert (article.find("em").get_text(), article.find("strong").get_text()) == ("likely", "benefit")


def test_bulleted_list_renders(article):
    assert [li.get_text() for li in article.find("ul").find_all("li")] == [
        "Moscow’s ties to the junta",
        "Wagner’s presence nearby",
    ]


def test_numbered_list_renders(article):
    assert [li.get_text() for li in article.find("ol").find_all("li")] == ["First", "Second"]


def test_https_link_renders_with_title(article):
    link = article.find("a", string="the FPRI analysis")
    assert (link["href"], link["title"]) == ("https://www.fpri.org/article/2020/09/russia-mali/", "FPRI")


def test_links_get_noopener_rel(article):
    link = article.find("a", string="the FPRI analysis")
    assert {"noopener", "noreferrer"} <= set(link["rel"])


def test_mailto_link_renders(article):
    assert article.find("a", string="write to us")["href"] == "mailto:desk@example.org"


def test_relative_link_renders(article):
    assert article.find("a", string="the Mali page")["href"] == "/countries/mali/"


def test_blockquote_renders(article):
    assert "welcomed in Moscow" in article.find("blockquote").get_text()


def test_table_renders(article):
    cells = [c.get_text() for c in article.find("table").find_all(["th", "td"])]
    assert cells == ["Actor", "Role", "CNSP", "initiator"]


def test_code_span_renders(article):
    assert article.find("code").get_text() == "code"


def test_code_span_shows_html_as_text():
    soup = BeautifulSoup(render_markdown("`<script>alert(1)</script>`"), "html.parser")
    assert soup.find("code").get_text() == "<script>alert(1)</script>"


def test_empty_text_renders_empty():
    assert render_markdown("") == ""


# --- Stored HTML is sanitized at write time -------------------------------------------


def test_briefing_save_stores_sanitized_body_html(db):
    briefing = BriefingFactory(body="**Bold** <script>alert(1)</script> [x](javascript:alert(1))")
    soup = BeautifulSoup(briefing.body_html, "html.parser")
    assert soup.find("strong").get_text() == "Bold"
    assert soup.find("script") is None
    assert [scheme(a.get("href", "")) for a in soup.find_all("a")] in ([], [""])


def test_briefing_save_rerenders_body_html_on_edit(db):
    briefing = BriefingFactory(body="old")
    briefing.body = "## New"
    briefing.save()
    assert BeautifulSoup(briefing.body_html, "html.parser").find("h2").get_text() == "New"


def test_assessment_save_stores_sanitized_rationale_html(db):
    assessment = AssessmentFactory(rationale='*Why* <img src=x onerror="alert(1)">')
    soup = BeautifulSoup(assessment.rationale_html, "html.parser")
    assert soup.find("em").get_text() == "Why"
    assert soup.find("img") is None
