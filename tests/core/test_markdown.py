"""Markdown for everything members write: nothing that runs, loads or restyles survives."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kettle.accounts import actions
from kettle.core.markdown import ALLOWED_TAGS, is_safe_url, render_markdown

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\n>alert(1)</script\n>",
    "<<script>alert(1);//<</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\"/>",
    "<IMG SRC=javascript:alert('XSS')>",
    "<img src=`javascript:alert(1)`>",
    "<img/src=x/onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">hover</div>",
    "<a href=\"#\" onclick=\"alert(1)\">click</a>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<style>body{background:url('javascript:alert(1)')}</style>",
    "<link rel=stylesheet href=//evil.test/x.css>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)//",
    "<a href=\"x\" title=\"\" onmouseover=alert(1) \">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](java%0ascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](\tjavascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](javascript:alert(1) \"title\")",
    "[x](https://ok.test \"t\" onmouseover=alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[x][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![x](javascript:alert(1))",
    "![x](https://evil.test/track.png)",
    "![x\" onerror=\"alert(1)](https://x.test/a.png)",
    "[<img src=x onerror=alert(1)>](https://ok.test)",
    "[x](https://ok.test\" onclick=\"alert(1))",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "> <script>alert(1)</script>",
    "* <img src=x onerror=alert(1)>",
    "# <svg onload=alert(1)>",
    "<sCrIpT>alert(1)</ScRiPt>",
    "<scri\x00pt>alert(1)</scri\x00pt>",
    "<a href=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
]


class Collect(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_safe(rendered: str) -> None:
    lowered = rendered.lower()
    for bad in ("<script", "<svg", "<iframe", "<style", "<img", "<object", "<embed", "<math", "<form",
                "<input", "<link", "<meta", "<base"):
        assert bad not in lowered
    assert not re.search(r"<[^>]*\son\w+\s*=", rendered, re.IGNORECASE)
    for tag, attrs in Collect(rendered).tags:
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") for name in attrs)
        assert set(attrs) <= {"href", "title", "rel"}
        href = re.sub(r"[\s\x00-\x1f]", "", html.unescape(attrs.get("href") or "")).lower()
        scheme = re.match(r"([a-z][a-z0-9+.\-]*):", href)  # as a browser reads it; else a relative link
        assert scheme is None or scheme.group(1) in {"http", "https", "mailto"}


def test_the_corpus_is_big_enough():
    assert len(set(XSS)) >= 50


@pytest.mark.parametrize("payload", XSS)
def test_nothing_that_runs_survives_markdown(payload):
    assert_safe(render_markdown(payload))
    assert_safe(render_markdown(f"Hello **there** {payload} and [a link](https://example.test)"))


@settings(max_examples=300)
@given(st.lists(st.sampled_from(XSS + ["**", "_", "[", "](", ")", "<", ">", "\"", "'", "\n\n", "`",
                                       "javascript:", "https://x.test", " on", "=", "&#", "\\"]),
                max_size=12).map("".join))
def test_any_mix_of_payload_pieces_renders_safely(text):
    assert_safe(render_markdown(text))


@given(st.text(max_size=300))
def test_any_text_renders_to_only_allowed_tags(text):
    assert_safe(render_markdown(text))


@pytest.mark.parametrize("source, expected", [
    ("**bold** and _em_", "<p><strong>bold</strong> and <em>em</em></p>"),
    ("[site](https://example.test/a?b=1&c=2)",
     '<a href="https://example.test/a?b=1&amp;c=2" rel="nofollow noopener noreferrer ugc">site</a>'),
    ("[mail](mailto:hi@example.test)", 'href="mailto:hi@example.test"'),
    ("# Big\n\n## Bigger", "<h3>Big</h3>\n<h3>Bigger</h3>"),
    ("###### Small", "<h4>Small</h4>"),
    ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
    ("`a < b`", "<code>a &lt; b</code>"),
    ("Tom & Jerry <3", "Tom &amp; Jerry &lt;3"),
])
def test_ordinary_markdown_still_works(source, expected):
    assert expected in render_markdown(source)


def test_images_by_url_are_not_rendered_so_nothing_tracks_readers():
    assert "<img" not in render_markdown("![pixel](https://tracker.test/p.png)")


def test_empty_and_none_render_to_nothing():
    assert render_markdown("") == "" and render_markdown(None) == ""


@pytest.mark.parametrize("url, safe", [
    ("https://example.test/a", True),
    ("http://example.test", True),
    ("HTTPS://EXAMPLE.TEST", True),
    ("javascript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("data:text/html,hi", False),
    ("mailto:a@b.test", False),
    ("//evil.test", False),
    ("", False),
])
def test_is_safe_url_accepts_only_http_links(url, safe):
    assert is_safe_url(url) is safe


@pytest.mark.parametrize("payload", XSS[::3])
def test_a_bio_on_a_rendered_profile_page_runs_nothing(member, client_for, payload):
    def page_with(bio: str) -> str:
        actions.do_update_profile(member, bio=bio)
        return client_for(member).get("/@amara").content.decode()

    baseline = page_with("About me")
    page = page_with(f"About me {payload}")
    bio = page.split('<div class="bio">', 1)[1].split("</div>", 1)[0]
    assert "About me" in bio
    assert_safe(bio)
    def risky(text: str) -> list:
        found = []
        for tag, attrs in Collect(text).tags:
            if tag in {"script", "svg", "iframe", "style", "img", "object", "embed", "base", "form"}:
                found.append((tag, attrs.get("src")))
            for name, value in attrs.items():
                link = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                if name.startswith("on") or link.startswith(("javascript:", "data:", "vbscript:")):
                    found.append((tag, name, value))
        return found

    assert risky(page) == risky(baseline)
