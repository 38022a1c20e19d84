"""HTML pages, feeds and directories."""

from __future__ import annotations

from pathlib import Path

from strikelog.models import Report
from strikelog.readers import ReadError, iter_reports, strip_tags

ARTICLE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Drones strike a river town | The Example Post</title>
<meta property="og:title" content="Drones strike a river town">
<meta property="article:published_time" content="2025-10-21T08:00:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Drones strike a river town</h1>
<p>Overnight, a swarm of drones struck a small river town in the east. Two people were
hurt and a school building was damaged, the regional governor said on Tuesday morning.</p>
<p>Emergency crews worked until dawn to put out a fire at a warehouse &amp; a garage.</p>
</article>
<footer>Copyright The Example Post</footer>
</body></html>
"""


def read_all(source: str | Path, **options: object) -> list[Report | ReadError]:
    return list(iter_reports(source, **options))  # type: ignore[arg-type]


def test_article_page_gives_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE, encoding="utf-8")
    [report] = read_all(path)
    assert isinstance(report, Report)
    assert "a swarm of drones struck a small river town" in report.text
    assert "warehouse & a garage" in report.text
    assert "Sport" not in report.text and "Copyright" not in report.text
    assert report.title == "Drones strike a river town"
    assert report.published == "2025-10-21"
    start = report.text.index("Two people")
    assert report.text[start : start + 10] == "Two people"  # offsets refer to this text


def test_nav_only_page_is_a_no_text_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.htm"
    path.write_text(
        "<html><head><title>Portal</title><script>var a = 'words words';</script></head>"
        "<body><nav><a href='/'>Home</a><a href='/n'>News</a></nav>"
        "<div class='menu'><a href='/s'>Sport</a> <a href='/w'>Weather</a></div>"
        "<footer>Contact us</footer></body></html>"
    )
    [error] = read_all(path)
    assert isinstance(error, ReadError)
    assert error.kind == "no_text"
    assert "no article text" in error.message
    assert error.origin == str(path)


def test_short_page_keeps_the_little_text_there_is(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html><body><p>A drone hit a barn.</p></body></html>")
    [report] = read_all(path)
    assert isinstance(report, Report) and report.text == "A drone hit a barn."


def test_cp1251_page_with_meta_charset(tmp_path: Path) -> None:
    body = "Уночі ракета влучила в склад. Постраждалих немає, повідомила міська рада."
    html = (
        '<html><head><meta charset="windows-1251"><title>Склад</title></head>'
        f"<body><p>{body}</p></body></html>"
    )
    path = tmp_path / "cyr.html"
    path.write_bytes(html.encode("cp1251"))
    [report] = read_all(path)
    assert isinstance(report, Report) and report.text == body


def test_txt_file_holding_a_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(ARTICLE)
    [report] = read_all(path)
    assert isinstance(report, Report)
    assert "<p>" not in report.text and report.title == "Drones strike a river town"


def test_strip_tags_keeps_blocks_and_links() -> None:
    fragment = (
        "<p>Shelling hit <a href='/x'>Nikopol</a> again.</p><ul><li>one</li><li>two</li></ul>"
    )
    assert strip_tags(fragment) == "Shelling hit Nikopol again.\none\ntwo"
    assert strip_tags("<p>menu</p><p><a href='/'>Home</a></p>", keep_links=False) == "menu"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Region Watch</title><link>https://example.org/</link><description>d</description>
<item>
  <title>Drones downed over the coast</title>
  <link>https://example.org/1</link>
  <guid>https://example.org/1</guid>
  <pubDate>Wed, 22 Oct 2025 07:12:00 +0300</pubDate>
  <description>&lt;p&gt;Air defence downed &lt;b&gt;12 drones&lt;/b&gt; over the coast.&lt;/p&gt;
  &lt;p&gt;No damage.&lt;/p&gt;</description>
</item>
<item>
  <title>Only a headline here</title>
  <link>https://example.org/2</link>
</item>
<item>
  <title>Shell hits a farm</title>
  <link>https://example.org/3</link>
  <description>A shell hit a farm; a tractor burned.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Watch</title><id>urn:x</id><updated>2025-10-22T10:00:00Z</updated>
<entry>
  <title>Missile hits a bridge</title><id>urn:x:1</id>
  <link href="https://example.org/a1"/>
  <updated>2025-10-22T09:30:00+02:00</updated>
  <summary>Short teaser.</summary>
  <content type="html">&lt;p&gt;A missile hit a road bridge at dawn.&lt;/p&gt;
  &lt;p&gt;Traffic stopped.&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_rss_items_become_reports_and_a_broken_item_an_error(tmp_path: Path) -> None:
    path = tmp_path / "watch.xml"
    path.write_text(RSS)
    results = read_all(path)
    assert [type(r).__name__ for r in results] == ["Report", "ReadError", "Report"]
    first, broken, third = results
    assert isinstance(first, Report) and isinstance(third, Report)
    assert first.text == "Air defence downed 12 drones over the coast.\nNo damage."
    assert first.title == "Drones downed over the coast"
    assert first.url == "https://example.org/1"
    assert first.published == "2025-10-22T07:12:00+03:00"
    assert first.source == "Region Watch"
    assert first.origin == f"{path}#1"
    assert isinstance(broken, ReadError) and broken.origin == f"{path}#2"
    assert broken.kind == "no_text"
    assert third.text == "A shell hit a farm; a tractor burned."


def test_atom_entry_prefers_the_full_content(tmp_path: Path) -> None:
    path = tmp_path / "watch.atom"
    path.write_text(ATOM)
    [report] = read_all(path)
    assert isinstance(report, Report)
    assert report.text == "A missile hit a road bridge at dawn.\nTraffic stopped."
    assert report.published == "2025-10-22T09:30:00+02:00"
    assert report.id == "urn:x:1"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    [error] = read_all(path)
    assert isinstance(error, ReadError) and error.kind == "format"
    assert "not an RSS/Atom feed" in error.message


def test_feed_sniffed_from_stdin() -> None:
    import io

    results = read_all("-", stdin=io.BytesIO(ATOM.encode()))
    assert [r.origin for r in results] == ["<stdin>#1"]


def test_directory_is_read_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Report bee.")
    (tmp_path / "a.txt").write_text("Report ay.")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git stuff")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.jsonl").write_text('{"text": "Report sea."}\n')
    results = read_all(tmp_path)
    assert [r.text for r in results if isinstance(r, Report)] == [
        "Report ay.",
        "Report bee.",
        "Report sea.",
    ]
    assert all(isinstance(r, Report) for r in results)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    [error] = read_all(tmp_path)
    assert isinstance(error, ReadError) and error.kind == "empty"
    assert "no report files" in error.message
