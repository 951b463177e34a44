"""Feeds and sitemaps: items, the real publisher behind aggregators, XML bombs, and never crashing."""

from __future__ import annotations

import gzip
import time

import pytest
from feedkit import rss
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwatch.monitor.errors import MonitorError, RefusedError
from claimwatch.monitor.feeds import credit_in_text, parse_feed, parse_sitemap
from claimwatch.monitor.xmlsafe import refuse_entity_declarations, sniff_kind

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbor Post: World</title>
  <id>urn:harbor-post:world</id>
  <updated>2025-03-12T08:00:00Z</updated>
  <entry>
    <title>Satellite images likely show troop transports</title>
    <link href="https://harborpost.example/2025/03/10/hallik"/>
    <id>urn:harbor-post:hallik</id>
    <updated>2025-03-12T08:00:00Z</updated>
    <published>2025-03-10T07:00:00Z</published>
    <author><name>Ines Marr</name></author>
    <summary>Images from a commercial satellite likely show transports at Hallik.</summary>
  </entry>
</feed>"""

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>'
)


def test_rss_items_with_the_real_publisher(gazetteer) -> None:
    feed = parse_feed("https://digest.example/feed.xml", rss([
        {"title": "Ostravia says Kestria sending troops", "link": "https://meridianwire.example/a/1", "guid": "mw-1",
         "pubDate": "Tue, 04 Mar 2025 08:31:00 GMT", "source": "Meridian Wire"},
        {"title": "Kalven harbour tariff", "link": "https://digest.example/a/2", "guid": "d-2",
         "description": "KALVEN, March 4 (Reuters) - The harbour authority said on Tuesday it would weigh a tariff."},
        {"title": "Ferry fares to rise", "link": "https://digest.example/a/3", "guid": "d-3",
         "description": "The island ferry operator said on Wednesday it would raise fares."},
    ], title="Daily Digest").encode(), gazetteer)
    assert feed.title == "Daily Digest"
    first, second, third = feed.items
    assert (first.key, first.url, first.outlet) == ("mw-1", "https://meridianwire.example/a/1", "Meridian Wire")
    assert first.published == "Tue, 04 Mar 2025 08:31:00 GMT"
    assert second.outlet == "Reuters"  # the wire credited in the text, not the aggregator
    assert third.outlet is None  # nothing said: the page's own metadata decides, never the feed's name


def test_a_wire_abbreviation_resolves_through_the_gazetteer() -> None:
    from claimwatch import api

    feed = parse_feed("https://digest.example/feed.xml", rss([
        {"title": "Citadel calls claim a provocation", "link": "https://digest.example/a/9",
         "description": "KALVEN (Meridian) -- Ostravia accused the Republic of Kestria on Monday."},
    ]).encode(), api.sample_gazetteer())
    assert feed.items[0].outlet == "Meridian Wire"


def test_atom_entries() -> None:
    (entry,) = parse_feed("https://harborpost.example/world.atom", ATOM.encode()).items
    assert entry.key == "urn:harbor-post:hallik"
    assert entry.url == "https://harborpost.example/2025/03/10/hallik"
    assert entry.author == "Ines Marr"
    assert entry.published == "2025-03-10T07:00:00Z"


def test_the_marker_changes_when_an_item_is_revised() -> None:
    one = parse_feed("u", ATOM.encode()).items[0]
    revised = parse_feed("u", ATOM.replace("2025-03-12T08:00:00Z</updated>\n    <published>",
                                           "2025-03-13T09:30:00Z</updated>\n    <published>").encode()).items[0]
    assert one.key == revised.key and one.marker != revised.marker
    assert parse_feed("u", ATOM.encode()).items[0].marker == one.marker


@pytest.mark.parametrize(("text", "credit"), [
    ("KALVEN (Meridian) -- Ostravia accused", "Meridian"),
    ("(Reuters) - The harbour", "Reuters"),
    ("WASHINGTON, March 4 (AP) — Officials said", "AP"),
    ("The minister (left) said on Tuesday", None),
    ("(Photo) - caption", None),
    ("A plain first sentence.", None),
])
def test_credit_in_text(text: str, credit: str | None) -> None:
    assert credit_in_text(text) == credit


def test_malformed_and_foreign_documents_are_coded_errors() -> None:
    for data in (b"", b"garbage <<< not xml", b"<html><body><p>not a feed</p></body></html>"):
        with pytest.raises(MonitorError) as caught:
            parse_feed("https://x.example/feed.xml", data)
        assert caught.value.code == "E410"


URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://harborpost.example/a/1</loc><lastmod>2025-03-10</lastmod></url>
  <url>
    <loc>https://harborpost.example/a/2</loc>
    <news:news>
      <news:publication><news:name>Harbor Post</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-03-12T08:00:00Z</news:publication_date>
      <news:title>Kestria denies sending troops</news:title>
    </news:news>
  </url>
  <url><loc>javascript:alert(1)</loc></url>
</urlset>"""


def test_sitemap_urlset_with_news_extension() -> None:
    sitemap = parse_sitemap("https://harborpost.example/sitemap.xml", URLSET)
    assert sitemap.kind == "urlset" and sitemap.children == ()
    first, second = sitemap.items
    assert first.url == "https://harborpost.example/a/1"
    assert (second.title, second.outlet, second.published) == (
        "Kestria denies sending troops", "Harbor Post", "2025-03-12T08:00:00Z")


def test_sitemap_index_and_gzip() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://harborpost.example/sitemap-1.xml.gz</loc></sitemap>
      <sitemap><loc>https://harborpost.example/sitemap-2.xml</loc></sitemap></sitemapindex>"""
    sitemap = parse_sitemap("https://harborpost.example/sitemap.xml", gzip.compress(index))
    assert sitemap.kind == "sitemapindex"
    assert sitemap.children == ("https://harborpost.example/sitemap-1.xml.gz", "https://harborpost.example/sitemap-2.xml")


def test_a_gzip_bomb_sitemap_is_stopped_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(RefusedError) as caught:
        parse_sitemap("https://x.example/s.xml.gz", bomb, max_bytes=100_000)
    assert caught.value.code == "E405"


@pytest.mark.parametrize("parse", [parse_sitemap, parse_feed])
def test_an_xml_bomb_is_refused_quickly(parse) -> None:
    started = time.monotonic()
    with pytest.raises(RefusedError) as caught:
        parse("https://x.example/bomb.xml", BILLION_LAUGHS.encode())
    assert caught.value.code == "E411"
    assert time.monotonic() - started < 0.5


def test_entity_declarations_in_utf16_are_refused_too() -> None:
    with pytest.raises(RefusedError):
        refuse_entity_declarations("u", BILLION_LAUGHS.encode("utf-16"))


_ENTITY_DECLS = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'


@pytest.mark.parametrize(
    "doctype",
    [
        f"<!DOCTYPE x [ <!-- ]> --> {_ENTITY_DECLS} ]>",  # a comment holding "]>"
        f"<!DOCTYPE x [ <?pi ]> ?> {_ENTITY_DECLS} ]>",  # a processing instruction holding "]>"
        f'<!DOCTYPE x [ <!ATTLIST x y CDATA "]>"> {_ENTITY_DECLS} ]>',  # a quoted "]>"
        f"<!-- <!DOCTYPE x> --><!DOCTYPE x [ {_ENTITY_DECLS} ]>",  # a harmless DOCTYPE in a comment first
        f'<!DOCTYPE x SYSTEM "a]>b" [ {_ENTITY_DECLS} ]>',  # "]>" in the external id
        f"<!doctype x [ {_ENTITY_DECLS} ]>",
        "<!DOCTYPE x [ <!ATTLIST x y CDATA #IMPLIED> ]>",  # any internal subset: it is where entities live
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_the_entity_check_cannot_be_bypassed(doctype: str, encoding: str) -> None:
    document = f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>&b;</title></channel></rss>'
    with pytest.raises(RefusedError) as caught:
        refuse_entity_declarations("u", document.encode(encoding))
    assert caught.value.code == "E411"


def test_a_doctype_without_entities_is_fine() -> None:
    netscape = ('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title>'
                "<item><title>Old item</title><link>https://old.example/1</link></item></channel></rss>")
    assert parse_feed("u", netscape.encode()).items[0].url == "https://old.example/1"


@pytest.mark.parametrize(("data", "kind"), [
    (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
    (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
    (b'<?xml version="1.0"?><urlset xmlns="x">', "sitemap"),
    (b"<sitemapindex>", "sitemap"),
    (b"<!doctype html><html><body>an article about <rss> feeds</body></html>", "page"),
    (b"Plain text article", "page"),
])
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


XML_BITS = st.sampled_from([
    "<?xml version='1.0'?>", "<rss version='2.0'>", "</rss>", "<channel>", "</channel>", "<item>", "</item>",
    "<title>", "</title>", "<link>", "</link>", "https://a.example/x", "<guid>", "</guid>", "<feed>", "</feed>",
    "<entry>", "</entry>", "<urlset>", "</urlset>", "<url>", "</url>", "<loc>", "</loc>", "<sitemapindex>",
    "<sitemap>", "</sitemap>", "<source url='x'>", "</source>", "(Reuters) -", "&amp;", "&lol;", "<![CDATA[",
    "]]>", "<!DOCTYPE x [", "<!ENTITY a 'b'>", "]>", "<description>", "</description>", "\x00", "é", " ",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), st.lists(XML_BITS, max_size=60).map(lambda p: "".join(p).encode())))
def test_parsers_never_crash(data: bytes) -> None:
    """Any bytes: items or a coded MonitorError, nothing else."""
    for parse in (parse_feed, parse_sitemap):
        try:
            result = parse("https://fuzz.example/doc.xml", data)
        except MonitorError as error:
            assert error.code.startswith("E4")
        else:
            assert all(item.key for item in result.items)
    assert sniff_kind(data) in ("feed", "sitemap", "page")
