"""Generate the bundled examples in examples/ from the FA-KES development split.

The choice of articles is documented here by FA-KES ``unit_id``: 14 real
English-language reports of the war in Syria, one per outlet, spread over
governorates (Aleppo, Idlib, Damascus / Rif Dimashq, Deir ez-Zor, Raqqa, Homs,
Daraa, Hasakeh) and causes (air strikes, shelling, suicide and car bombs,
chemical attack, executions, clashes), each with casualty figures and a
dateline inside the text.

The article title and text are the dataset's, unchanged. Everything around them
(the news-site page, the RSS feed, the JSONL records) is written by this script.

    python scripts/make_examples.py [--csv PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

from frontwatch.text.dates import find_dateline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "fakes-dev" / "fakes_dev.csv"

# unit_id, file slug; comments give governorate / cause / outlet as reported.
CHOSEN: tuple[tuple[int, str], ...] = (
    (1919191744, "aleppo-manbij-air-strikes-trt"),  # Aleppo, US-led air strikes, 73 civilians
    (1915433683, "aleppo-suicide-bombing-alaraby"),  # Aleppo, suicide bomb, 25 soldiers
    (1962495670, "aleppo-executions-alalam"),  # Aleppo, ISIS executes 18 civilians
    (1926479033, "idlib-khan-sheikhoun-sarin-arabiya"),  # Idlib, chemical attack, 86 dead
    (1923848231, "idlib-air-strikes-ahram"),  # Idlib, government air strikes, 42 dead
    (1965511116, "idlib-clashes-manar"),  # Idlib, armed groups' clashes, 13 dead
    (1965495346, "damascus-suicide-bombers-sputnik"),  # Damascus, suicide bombs, 9 dead
    (1918150039, "rif-dimashq-jayrud-strikes-asharqalawsat"),  # Rif Dimashq, air strikes, 30
    (1926479264, "deir-ez-zor-sheitaat-executions-reuters"),  # Deir ez-Zor, executions, 700
    (1924058034, "raqqa-heneyda-air-strike-jordantimes"),  # Raqqa, coalition air strike, 15
    (1926479081, "homs-al-ghanto-airstrikes-etilaf"),  # Homs, regime airstrikes, 9 civilians
    (1924058075, "homs-twin-car-bombs-nna"),  # Homs, twin car bombs, 18 dead
    (1926479070, "daraa-izraa-rocket-attacks-sana"),  # Daraa (+Aleppo, Damascus), rockets, injured
    (1918398793, "hasakeh-motorcycle-bomb-dailysabah"),  # Hasakeh, motorcycle bomb, 16 dead
)
# Three of them again as JSONL records (the last one as an "html" record).
JSONL_IDS = (1923848231, 1926479264, 1918398793)

OUTLETS = {
    "trt": "TRT World",
    "alaraby": "The New Arab",
    "alalam": "Al-Alam News Network",
    "arabiya": "Al Arabiya English",
    "ahram": "Ahram Online",
    "manar": "Al-Manar TV",
    "sputnik": "Sputnik International",
    "asharqalawsat": "Asharq Al-Awsat",
    "reuters": "Reuters",
    "jordantimes": "The Jordan Times",
    "etilaf": "Syrian Coalition",
    "nna": "National News Agency",
    "sana": "Syrian Arab News Agency",
    "dailysabah": "Daily Sabah",
}
MENU = ("Home", "World", "Middle East", "Politics", "Business", "Opinion", "Sport", "Multimedia")
FOOTER_LINKS = ("About us", "Contact", "Advertise", "Privacy policy", "Terms of use")
# A full stop after these does not end a sentence ("U.S. air strikes").
ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Dr|St|Gen|Lt|Col|Sgt|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)$"
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[\"“(]?[A-Z0-9])")


@dataclass(frozen=True)
class Row:
    unit_id: int
    slug: str
    title: str
    content: str
    outlet: str
    published: date


def parse_csv_date(text: str) -> date:
    """FA-KES dates are m/d/yy."""
    month, day, year = (int(part) for part in text.split("/"))
    return date(2000 + year, month, day)


def publication_date(record: dict) -> date:
    """The dateline inside the text is the real publication date; the dataset's `date`
    column is the crowd's reading of the event date (days or a year off in a few rows)."""
    return find_dateline(record["article_content"]) or parse_csv_date(record["date"])


def load_rows(csv_path: Path) -> list[Row]:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        by_id = {int(rec["unit_id"]): rec for rec in csv.DictReader(handle)}
    return [
        Row(
            unit_id=unit_id,
            slug=slug,
            title=by_id[unit_id]["article_title"].strip(),
            content=by_id[unit_id]["article_content"].strip(),
            outlet=OUTLETS[by_id[unit_id]["source"]],
            published=publication_date(by_id[unit_id]),
        )
        for unit_id, slug in CHOSEN
    ]


def split_sentences(text: str) -> list[str]:
    """Cut at sentence ends, but not after abbreviations like "U.N."."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if ABBREVIATION.search(text[start : match.start()].rstrip('"”')):
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def paragraphs(text: str) -> list[str]:
    """Group sentences into paragraphs of 3, 2, 3, 2, ... sentences."""
    sentences, result, size = split_sentences(text), [], 3
    while sentences:
        result.append(" ".join(sentences[:size]))
        sentences, size = sentences[size:], 5 - size
    return result


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _menu_href(label: str) -> str:
    return "/" if label == "Home" else "/" + label.lower().replace(" ", "-")


def menu_html() -> str:
    items = "".join(f'<li><a href="{_menu_href(label)}">{label}</a></li>' for label in MENU)
    return f'<nav class="main-nav" aria-label="Main menu"><ul>{items}</ul></nav>'


def sidebar_html(row: Row, rows: list[Row]) -> str:
    others = [r for r in rows if r.unit_id != row.unit_id]
    start = rows.index(row)
    related = [others[(start + k) % len(others)] for k in range(3)]
    most_read = [others[(start + 5 + k) % len(others)] for k in range(4)]
    related_items = "".join(
        f'<li><a href="/middle-east/syria/{r.slug}">{escape(r.title)}</a></li>' for r in related
    )
    read_items = "".join(
        f'<li><a href="/middle-east/syria/{r.slug}">{escape(r.title)}</a></li>' for r in most_read
    )
    return f"""<aside class="sidebar">
  <section class="widget related-articles">
    <h3 class="widget-title">Related Articles</h3>
    <ul>{related_items}</ul>
  </section>
  <section class="widget most-read">
    <h3 class="widget-title">Most read</h3>
    <ol>{read_items}</ol>
  </section>
  <section class="widget newsletter">
    <h3 class="widget-title">Newsletter</h3>
    <p>Get the day's top stories in your inbox every morning.</p>
    <form action="/newsletter"><input type="email" name="email" placeholder="Email address"><button type="submit">Sign up</button></form>
  </section>
</aside>"""


def comments_html() -> str:
    return """<section class="comments" id="comments">
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
    <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
      <p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
      <p class="comment-form-comment"><label for="comment">Comment *</label><textarea id="comment" name="comment" rows="6"></textarea></p>
      <p class="comment-form-author"><label for="author">Name *</label><input id="author" name="author" type="text"></p>
      <p class="comment-form-email"><label for="email">Email *</label><input id="email" name="email" type="email"></p>
      <p class="form-submit"><input name="submit" type="submit" id="submit" value="Post Comment"></p>
    </form>
  </div>
</section>"""


def footer_html(row: Row) -> str:
    links = " | ".join(
        f'<a href="/{label.lower().replace(" ", "-")}">{label}</a>' for label in FOOTER_LINKS
    )
    return f"""<footer class="site-footer">
  <nav class="footer-nav">{links}</nav>
  <p class="copyright">&copy; {row.published.year} {escape(row.outlet)}. All rights reserved.</p>
  <p><a href="#top" class="back-to-top">Back to top</a></p>
</footer>"""


def share_html() -> str:
    links = "".join(
        f'<a class="share-{name.lower()}" href="#share-{name.lower()}">{name}</a> '
        for name in ("Facebook", "Twitter", "WhatsApp", "Email", "Print")
    )
    return f'<div class="share-bar"><span>Share this article</span> {links}</div>'


def page_html(row: Row, rows: list[Row]) -> str:
    """One article inside a news-site page: navigation, sidebar, comments, footer."""
    title, site, iso = escape(row.title), escape(row.outlet), row.published.isoformat()
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in paragraphs(row.content))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- Article title and text: FA-KES dataset (Abu Salem et al., ICWSM 2019, CC BY 4.0),
     unit_id {row.unit_id}. The page around it is a template written for Frontwatch's
     examples; it is not the outlet's own page. -->
<title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{iso}T09:00:00+00:00">
<meta property="article:section" content="Middle East">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body class="single single-post" id="top">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="top-bar"><span class="today">{long_date(row.published)}</span> <a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div>
  <a class="site-logo" href="/">{site}</a>
  {menu_html()}
  <form class="search-form" role="search" action="/search"><input type="search" name="q" placeholder="Search"><button type="submit">Search</button></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/middle-east">Middle East</a></li><li><a href="/middle-east/syria">Syria</a></li></ol></nav>
<main id="main" class="site-main">
  <article class="post type-post">
    <header class="entry-header">
      <h1 class="entry-title">{title}</h1>
      <div class="entry-meta"><span class="byline">By {site} staff</span> <time class="published" datetime="{iso}T09:00:00+00:00">{long_date(row.published)}</time></div>
    </header>
    {share_html()}
    <div class="entry-content">
{body}
    </div>
  </article>
  {comments_html()}
  {sidebar_html(row, rows)}
</main>
{footer_html(row)}
</body>
</html>
"""


def rfc822(day: date) -> str:
    return format_datetime(datetime(day.year, day.month, day.day, 9, tzinfo=UTC))


def feed_item(row: Row) -> str:
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(row.content))
    summary = split_sentences(row.content)[0]
    return f"""  <item>
    <title>{escape(row.title)}</title>
    <link>../html/{row.slug}.html</link>
    <guid isPermaLink="false">fakes-{row.unit_id}</guid>
    <pubDate>{rfc822(row.published)}</pubDate>
    <source url="https://example.org/{row.slug}">{escape(row.outlet)}</source>
    <description>{escape(summary)}</description>
    <content:encoded><![CDATA[{content}]]></content:encoded>
  </item>"""


def feed_xml(rows: list[Row]) -> str:
    items = "\n".join(feed_item(row) for row in rows)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Article titles and texts: FA-KES dataset (CC BY 4.0); see ../ATTRIBUTION.md. -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Frontwatch examples</title>
  <link>https://example.org/frontwatch-examples</link>
  <description>Fourteen FA-KES articles about the war in Syria, as an RSS 2.0 feed.</description>
  <language>en</language>
{items}
</channel>
</rss>
"""


def jsonl_records(rows: list[Row]) -> list[dict]:
    by_id = {row.unit_id: row for row in rows}
    records = []
    for unit_id in JSONL_IDS:
        row = by_id[unit_id]
        record = {"id": f"fakes-{unit_id}", "title": row.title, "source": row.outlet}
        record["published"] = row.published.isoformat()
        if unit_id == JSONL_IDS[-1]:
            record["html"] = page_html(row, rows)
        else:
            record["text"] = row.content
        records.append(record)
    return records


def attribution(rows: list[Row]) -> str:
    lines = "\n".join(
        f"| {row.unit_id} | {row.outlet} | {row.published.isoformat()} | `{row.slug}` |"
        for row in rows
    )
    jsonl = ", ".join(str(i) for i in JSONL_IDS)
    return f"""# Examples: attribution

The article titles and texts in this folder come from the **FA-KES** dataset:

> F. Abu Salem, R. Al Feel, S. Elbassuoni, M. Jaber, M. Farah, "FA-KES: A Fake
> News Dataset around the Syrian War", Proceedings of ICWSM 2019.
> Zenodo record 2607278, <https://zenodo.org/record/2607278>.

Licence: **Creative Commons Attribution 4.0 International (CC BY 4.0)**,
<https://creativecommons.org/licenses/by/4.0/>. The texts were written by the
outlets named below and collected by the dataset's authors.

## Which rows

Fourteen rows of the dataset (`unit_id`), one per outlet:

| unit_id | outlet | date (dataset) | file name |
|---|---|---|---|
{lines}

`jsonl/articles.jsonl` repeats rows {jsonl}.

## What we changed

- Nothing in the titles or texts: punctuation the dataset had already lost
  ("Syrias", missing commas) is left as it is.
- `txt/`: the title, a blank line, then the text.
- `html/`: each text split into paragraphs at sentence ends (about every two or
  three sentences) and wrapped in a news-site page template we wrote (menu,
  breadcrumb, share bar, "Related Articles" and "Most read" lists, comment form,
  footer). The template is ours, not the outlet's page; the outlet name appears
  as the site name so that the examples show where each report came from.
- The publication date in the pages, the feed and the JSONL records is the
  dateline inside the article's text, at 09:00 UTC (the dataset's `date` column,
  the crowd's reading of the event date, only where the text has no dateline).
- `feed/feed.xml`: an RSS 2.0 feed with the same fourteen articles, the full
  text in `content:encoded`; item links are relative file names, so a reader
  uses the feed's own text.
- `jsonl/articles.jsonl`: three rows as JSONL records, the third with the page
  HTML instead of the text.

Generated by `scripts/make_examples.py`; rerun it to reproduce these files.
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_examples(csv_path: Path, out: Path) -> int:
    rows = load_rows(csv_path)
    for row in rows:
        write(out / "txt" / f"{row.slug}.txt", f"{row.title}\n\n{row.content}\n")
        write(out / "html" / f"{row.slug}.html", page_html(row, rows))
    records = jsonl_records(rows)
    write(out / "jsonl" / "articles.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    write(out / "feed" / "feed.xml", feed_xml(rows))
    write(out / "ATTRIBUTION.md", attribution(rows))
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="FA-KES fakes_dev.csv")
    parser.add_argument("--out", type=Path, default=ROOT / "examples", help="output folder")
    args = parser.parse_args()
    count = make_examples(args.csv, args.out)
    print(f"wrote {count} articles to {args.out}")


if __name__ == "__main__":
    main()
