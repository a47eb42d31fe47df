"""Reading input: encodings, binary files, size limits, HTML, Markdown, layout."""

import codecs
import datetime

import pytest

from briefings.extraction.text import (
    MAX_INPUT_BYTES,
    UnreadableInput,
    decode_bytes,
    fold,
    fold_key,
    html_to_text,
    layout,
    read_article,
    split_sentences,
)


def test_utf8_is_read_as_utf8():
    assert decode_bytes("Côte d’Ivoire".encode()).text == "Côte d’Ivoire"


def test_utf8_byte_order_mark_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Mali").text == "Mali"


def test_utf16_with_byte_order_mark_is_read():
    assert decode_bytes("Bamako".encode("utf-16")).text == "Bamako"


def test_windows_1252_is_read_with_a_note():
    decoded = decode_bytes("The coup d’état in Mali".encode("cp1252"))
    assert decoded.text == "The coup d’état in Mali"
    assert "Windows-1252" in decoded.note


def test_mixed_encodings_keep_both_parts():
    data = "Côte d’Ivoire ".encode() + "café “quoted”".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == "Côte d’Ivoire café “quoted”"
    assert decoded.encoding == "utf-8+cp1252"


def test_binary_file_is_refused():
    with pytest.raises(UnreadableInput, match="binary"):
        decode_bytes(b"%PDF-1.4\x00\x01\x02\x03" * 10)


def test_file_over_the_limit_is_refused():
    with pytest.raises(UnreadableInput, match="limit is 2 MB"):
        decode_bytes(b"a" * (MAX_INPUT_BYTES + 1))


def test_empty_input_is_refused():
    with pytest.raises(UnreadableInput, match="no text"):
        read_article(b"   \n  ")


def test_html_scripts_and_styles_are_dropped():
    html = (
        "<html><head><title>T</title><style>p{color:red}</style>"
        "<script>alert('x')</script></head><body><p>On August 18 the coup began.</p>"
        "<script>document.write('evil')</script></body></html>"
    )
    text, _ = html_to_text(html)
    assert text == "On August 18 the coup began."


def test_html_navigation_and_footer_are_dropped():
    html = "<body><nav>Home | About</nav><p>The article.</p><footer>Copyright</footer></body>"
    text, _ = html_to_text(html)
    assert text == "The article."


def test_html_metadata_is_read_from_the_head():
    html = (
        '<html><head><title>Page title</title><meta name="author" content="Ann Analyst">'
        '<meta property="article:published_time" content="2020-09-23T10:00:00Z">'
        '<meta property="og:site_name" content="The Review">'
        '<link rel="canonical" href="https://example.org/a"></head><body><p>Text.</p></body></html>'
    )
    _, meta = html_to_text(html)
    assert (meta.title, meta.author, meta.publisher, meta.url, meta.published_on) == (
        "Page title",
        "Ann Analyst",
        "The Review",
        "https://example.org/a",
        datetime.date(2020, 9, 23),
    )


def test_html_article_element_is_preferred_to_the_page():
    body = "Words of the article. " * 20
    html = f"<body><div>Sidebar links</div><article><p>{body}</p></article></body>"
    text, _ = html_to_text(html)
    assert "Sidebar" not in text


def test_markdown_markup_is_dropped_and_heading_is_the_title():
    article = read_article("# The title\n\nSome **bold** and a [link](http://x.org).\n", filename="a.md")
    assert article.text == "The title\n\nSome bold and a link."
    assert article.metadata.title == "The title"


def test_byline_gives_the_author():
    article = read_article("Headline here\n\nBy Jane Doe\n\nThe text begins.")
    assert article.metadata.author == "Jane Doe"


def test_plain_text_keeps_its_positions():
    raw = "Title\n\nFirst line.  \nSecond."
    assert read_article(raw).text == raw


def test_fold_keeps_one_character_for_one():
    text = "Côte d’Ivoire – “Keïta”"
    assert fold(text) == 'Cote d\'Ivoire - "Keita"'
    assert len(fold(text)) == len(text)


def test_fold_key_ignores_case_accents_and_leading_the():
    assert fold_key("the Économie’s") == fold_key("Economie")


def test_sentences_do_not_end_at_abbreviations():
    text = "Gen. Smith met Mr. Jones in the U.S. capital. They talked."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Gen. Smith met Mr. Jones in the U.S. capital.",
        "They talked.",
    ]


def test_layout_skips_headline_byline_and_footer():
    text = (
        "A Headline In Title Case\n\nBy Ann Analyst\n\nThe first sentence. The second one.\n\n"
        "More of the body here.\n\nThe views expressed in this article are the author's.\n\nLeave a Reply"
    )
    page = layout(text)
    body = text[page.body_start : page.body_end].strip()
    assert body == "The first sentence. The second one.\n\nMore of the body here."
    assert text[page.headline[0] : page.headline[1]] == "A Headline In Title Case"
