"""Documents for the raden: one model, rendered as terminal text, Markdown, HTML, JSON and CSV.

A report view builds a `Document` (sections of paragraphs, item lists and tables whose cells are
plain values: text, `Decimal` euros, dates, numbers). The renderers here turn it into each format,
in Dutch (default) or English: euros as `€ 1.060.000` or `€1,060,000`, dates as `5 oktober 2021` or
`5 October 2021`. The same document always renders to the same bytes, so its hash identifies it.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.dates import dutch_date
from ledger.i18n import _, check_language, language, set_language
from ledger.money import format_eur


@contextmanager
def in_language(lang: str | None) -> Iterator[str]:
    """Make (or render) a document in `lang` (None: the language in use), then go back to the
    language in use: a report issued in one language is rebuilt in it, whatever the reader's."""
    before = language()
    now = check_language(lang) if lang is not None else before
    set_language(now)
    try:
        yield now
    finally:
        set_language(before)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Any]]
    title: str | None = None
    totals: list[Any] | None = None
    note: str | None = None
    key: str | None = None  # a machine name, for CSV export of one table
    nowrap: tuple[int, ...] = ()  # columns of ids ("BW-GM0537-2021-10-05-WRL"), never broken in HTML


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    level: int = 2
    figures: list[str] = field(default_factory=list)  # inline SVG charts (HTML only)
    numbered: bool = True  # a report numbers its top-level sections (see projections.quarterly)


@dataclass
class Document:
    title: str
    subtitle: str | None = None
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    lang: str = field(default_factory=language)  # the language it was made in
    meta: list[tuple[str, str]] = field(default_factory=list)  # the title block: label, value
    notes: list[str] = field(default_factory=list)  # footnotes (assumed values), numbered
    data: dict[str, Any] = field(default_factory=dict)  # the view's own values, for JSON

    def table(self, key: str) -> Table | None:
        for s in self.sections:
            for t in s.tables:
                if t.key == key:
                    return t
        return None


def number_sections(sections: list[Section]) -> None:
    """Number the top-level sections that are numbered ("1. Algemeen overzicht")."""
    n = 0
    for s in sections:
        if s.level == 2 and s.numbered:
            n += 1
            s.title = f"{n}. {s.title}"


def cell(value: Any, lang: str = "nl") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        with in_language(lang):
            return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_eur(value, lang=lang)
    if isinstance(value, date):
        return dutch_date(value, lang=lang)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", ".") if lang == "nl" else text
    return str(value)


def to_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    if doc.subtitle:
        out += [f"_{doc.subtitle}_", ""]
    if doc.meta:
        out += [f"**{label}:** {value}  " for label, value in doc.meta] + [""]
    for s in doc.sections:
        out += ["#" * s.level + f" {s.title}", ""]
        for p in s.paragraphs:
            out += [p, ""]
        if s.items:
            out += [f"- {i}" for i in s.items] + [""]
        for t in s.tables:
            if t.title:
                out += [f"**{t.title}**", ""]
            out.append("| " + " | ".join(_md(c) for c in t.columns) + " |")
            out.append("|" + "|".join("---" for _ in t.columns) + "|")
            for r in t.rows:
                out.append("| " + " | ".join(_md(cell(v, doc.lang)) for v in r) + " |")
            if t.totals:
                out.append("| " + " | ".join(f"**{_md(cell(v, doc.lang))}**" if v not in (None, "")
                                              else "" for v in t.totals) + " |")
            out.append("")
            if t.note:
                out += [f"_{t.note}_", ""]
    if doc.notes:
        out += ["---", ""] + [f"{line}  " for line in doc.notes] + [""]
    if doc.footer:
        out += ["---", ""] + [f"{line}  " for line in doc.footer]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:72rem;
color:#1d2733;line-height:1.45;padding:0 1rem}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:2px solid #154273;padding-bottom:.2rem;
margin-top:2rem;color:#154273}h3{color:#154273}.sub{color:#5b6b7c;margin-top:0}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.93rem}
th,td{border:1px solid #cfd8e3;padding:.35rem .5rem;text-align:left;vertical-align:top;
white-space:pre-line}
th{background:#e8eef5}td.num{text-align:right;white-space:nowrap}tr.total td{font-weight:700;
background:#f4f7fa}.note{color:#5b6b7c;font-style:italic}footer{margin-top:2.5rem;border-top:1px
solid #cfd8e3;padding-top:.6rem;color:#5b6b7c;font-size:.85rem;word-break:break-all}
table.meta{width:auto;margin:.4rem 0 1.2rem}table.meta th{text-align:left;background:none;border:0;
padding:.1rem 1rem .1rem 0}table.meta td{border:0;padding:.1rem 0;word-break:break-all}
td.id{white-space:nowrap}figure.chart{margin:.5rem 0;overflow-x:auto}svg.chart{display:block}
p,li,h1,h2,h3,td,th{overflow-wrap:break-word}
@media (max-width:40rem){body{margin:1rem auto;padding:0 .6rem}
table:not(.meta),table:not(.meta) tbody,table:not(.meta) tr,table:not(.meta) td{display:block;
width:auto}table:not(.meta) thead{display:none}table:not(.meta) tr{border:1px solid #cfd8e3;
margin-bottom:.5rem}table:not(.meta) td{border:0;border-bottom:1px solid #eef2f6;text-align:left}
table:not(.meta) td[data-label]::before{content:attr(data-label);display:block;font-size:.78rem;
color:#5b6b7c}td.num{text-align:left}table.meta td{word-break:break-all}
svg.chart{min-width:34rem}}
"""


def to_html(doc: Document, *, extra_head: str = "", body_prefix: str = "") -> str:
    e = html.escape
    out = [f'<!DOCTYPE html><html lang="{doc.lang}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(doc.title)}</title><style>{CSS}</style>{extra_head}</head><body>",
           body_prefix, f"<h1>{e(doc.title)}</h1>"]
    if doc.subtitle:
        out.append(f'<p class="sub">{e(doc.subtitle)}</p>')
    if doc.meta:
        out.append('<table class="meta">' + "".join(
            f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in doc.meta)
            + "</table>")
    for s in doc.sections:
        out.append(f"<h{s.level}>{e(s.title)}</h{s.level}>")
        out += [f"<p>{e(p)}</p>" for p in s.paragraphs]
        if s.items:
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in s.items) + "</ul>")
        out += [f'<figure class="chart">{svg}</figure>' for svg in s.figures]
        for t in s.tables:
            if t.title:
                out.append(f"<h{s.level + 1}>{e(t.title)}</h{s.level + 1}>")
            out.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in t.columns)
                       + "</tr></thead><tbody>")
            for r in t.rows:
                out.append("<tr>" + "".join(_td(v, doc.lang, c, t) for c, v in enumerate(r))
                           + "</tr>")
            if t.totals:
                out.append('<tr class="total">' + "".join(_td(v, doc.lang, c, t) for c, v in
                                                          enumerate(t.totals)) + "</tr>")
            out.append("</tbody></table>")
            if t.note:
                out.append(f'<p class="note">{e(t.note)}</p>')
    if doc.notes:
        out.append('<section class="notes">' + "".join(f'<p class="note">{e(n)}</p>'
                                                        for n in doc.notes) + "</section>")
    if doc.footer:
        out.append("<footer>" + "<br>".join(e(f) for f in doc.footer) + "</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _td(value: Any, lang: str, column: int = 0, table: Table | None = None) -> str:
    """A cell, with its column's name as `data-label` (a narrow screen shows each row as a card
    of labelled values) and `class="id"` for ids, which never break across lines."""
    classes = (["num"] if isinstance(value, (Decimal, int)) and not isinstance(value, bool)
               else []) + (["id"] if table is not None and column in table.nowrap else [])
    cls = f' class="{" ".join(classes)}"' if classes else ""
    label = ""
    if table is not None and column < len(table.columns):
        label = f' data-label="{html.escape(table.columns[column], quote=True)}"'
    return f"<td{cls}{label}>{html.escape(cell(value, lang))}</td>"


def to_json(doc: Document) -> str:
    from projections.reading import jsonable

    body = {
        "title": doc.title, "subtitle": doc.subtitle, "lang": doc.lang,
        **({"meta": [list(m) for m in doc.meta]} if doc.meta else {}),
        "sections": [{"title": s.title, "paragraphs": s.paragraphs, "items": s.items,
                      "tables": [{"key": t.key, "title": t.title, "columns": t.columns,
                                  "rows": t.rows, "totals": t.totals, "note": t.note}
                                 for t in s.tables]} for s in doc.sections],
        **({"notes": doc.notes} if doc.notes else {}),
        "footer": doc.footer, "data": doc.data,
    }
    return json.dumps(jsonable(body), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_csv(table: Table, lang: str = "nl") -> str:
    """One table as CSV: amounts as plain decimals (machine-readable), `;` for Dutch spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "nl" else ",", lineterminator="\n")
    writer.writerow(table.columns)
    for r in table.rows + ([table.totals] if table.totals else []):
        writer.writerow(["" if v is None else (f"{v:.2f}" if isinstance(v, Decimal) else
                                               v.isoformat() if isinstance(v, date) else v)
                         for v in r])
    return buf.getvalue()


def content_hash(doc: Document) -> str:
    """SHA-256 of the document's JSON rendering: the same report for the same horizon gives the
    same hash, as long as the ledger words its headings the same (`hash_form` "document": the
    form of reports issued before `data_hash`)."""
    return hashlib.sha256(to_json(doc).encode("utf-8")).hexdigest()


# What `data_hash` leaves out: the checkpoint an issued report carries is recorded beside the
# hash in the same event, so it is not part of what the hash covers.
UNHASHED = ("anchor",)


def data_hash(doc: Document) -> str:
    """SHA-256 of the document's own values (`Document.data`: its figures, texts, decisions,
    topics and the positions behind them) as canonical JSON (sorted keys, no spaces): the same
    report for the same horizon gives the same hash in every wording and language of the ledger
    (`hash_form` "data")."""
    from projections.reading import jsonable

    body = {k: v for k, v in doc.data.items() if k not in UNHASHED}
    text = json.dumps(jsonable(body), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_hash(doc: Document, form: str) -> str:
    """The content hash of `doc` in the form an issued report records (`hash_form`)."""
    return data_hash(doc) if form == "data" else content_hash(doc)
