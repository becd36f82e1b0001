"""Documents as the griffie files them: PDF (WeasyPrint, from the HTML the ledger already renders)
and Word (python-docx).

Both carry the document's title block (programme, quarter, date, fingerprint: `Document.meta`),
its numbered sections, its tables with the Dutch number formats of `projections.document.cell`,
its footnotes (assumed values) and footer, and page numbers ("pagina 2 van 7"). The libraries are
imported only here, when a user asks for one of these formats.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from ledger.i18n import _
from projections.document import Document, cell, in_language, to_html

PRINT_CSS = """
@page{size:A4;margin:2cm 1.8cm 2.2cm;
@bottom-right{content:"%(page)s " counter(page) " %(of)s " counter(pages);font-size:8pt;
color:#5b6b7c}@bottom-left{content:"%(title)s";font-size:8pt;color:#5b6b7c}}
body{max-width:none;margin:0;padding:0;font-size:9.5pt}
h1{font-size:16pt}h2{font-size:12.5pt;break-after:avoid}h3{font-size:11pt;break-after:avoid}
table{font-size:8.5pt;break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}
figure.chart{display:none}
"""



def _words(lang: str) -> dict[str, str]:
    """The words of the page numbers ("pagina 2 van 7"), in the document's language."""
    with in_language(lang):
        return {"page": _("page"), "of": _("of")}


def to_pdf(doc: Document) -> bytes:
    """The document as PDF, through WeasyPrint from its HTML rendering."""
    from weasyprint import CSS, HTML

    words = _words(doc.lang)
    css = PRINT_CSS % {"page": words["page"].capitalize(), "of": words["of"],
                       "title": doc.title.replace('"', "'")}
    return bytes(HTML(string=to_html(doc)).write_pdf(stylesheets=[CSS(string=css)]))


def to_docx(doc: Document) -> bytes:
    """The document as a Word file (.docx)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    out = docx.Document()
    out.core_properties.title = doc.title
    out.core_properties.language = doc.lang
    style = out.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    out.add_heading(doc.title, level=0)
    if doc.subtitle:
        out.add_paragraph().add_run(doc.subtitle).italic = True
    if doc.meta:
        meta = out.add_table(rows=0, cols=2)
        for label, value in doc.meta:
            row = meta.add_row().cells
            row[0].text, row[1].text = label, value
            for run in row[0].paragraphs[0].runs:
                run.bold = True
    for s in doc.sections:
        out.add_heading(s.title, level=min(max(s.level - 1, 1), 4))
        for p in s.paragraphs:
            out.add_paragraph(p)
        for i in s.items:
            out.add_paragraph(i, style="List Bullet")
        for t in s.tables:
            if t.title:
                out.add_paragraph().add_run(t.title).bold = True
            table = out.add_table(rows=1, cols=len(t.columns))
            table.style = "Table Grid"
            for c, name in zip(table.rows[0].cells, t.columns, strict=True):
                c.text = name
                for run in c.paragraphs[0].runs:
                    run.bold = True
            for r in t.rows + ([t.totals] if t.totals else []):
                cells = table.add_row().cells
                for c, value in zip(cells, r, strict=False):
                    _put(c, value, doc.lang, bold=r is t.totals, align=WD_ALIGN_PARAGRAPH.RIGHT)
            if t.note:
                note = out.add_paragraph()
                note.add_run(t.note).italic = True
    if doc.notes:
        out.add_paragraph()
        for n in doc.notes:
            out.add_paragraph(n).runs[0].font.size = Pt(8)
    for f in doc.footer:
        out.add_paragraph(f).runs[0].font.size = Pt(8)
    _page_numbers(out, _words(doc.lang))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _put(c: Any, value: Any, lang: str, *, bold: bool, align: Any) -> None:
    c.text = cell(value, lang)
    para = c.paragraphs[0]
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        para.alignment = align
    if bold:
        for run in para.runs:
            run.bold = True


def _page_numbers(out: Any, words: dict[str, str]) -> None:
    """'pagina N van M' in the footer of every page, as Word fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field(paragraph: Any, code: str) -> None:
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"),
                           ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
                run._r.append(el)
            elif text == code:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {code} "
                run._r.append(instr)
            else:
                t = OxmlElement("w:t")
                t.text = str(text)
                run._r.append(t)

    for section in out.sections:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(f"{words['page'].capitalize()} ")
        field(p, "PAGE")
        p.add_run(f" {words['of']} ")
        field(p, "NUMPAGES")
