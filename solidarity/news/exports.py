"""A news item as files: DOCX for the editor, clean HTML for the unit's website.

Both are written in Vietnamese whatever the UI language (the item's own
text), from the item as saved; the HTML has no script, no style and no
class: the website's own stylesheet dresses it.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.text import slugify

from .models import NewsItem

FONT = "Times New Roman"


def file_stem(item: NewsItem) -> str:
    return f"tin-{item.pk}-{slugify(item.headline)[:60] or 'ban-tin'}"


def news_docx(item: NewsItem) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    heading = document.add_paragraph()
    run = heading.add_run(item.headline)
    run.bold = True
    run.font.size = Pt(16)
    if item.lead:
        lead = document.add_paragraph()
        lead.add_run(item.lead).bold = True
    for paragraph in item.paragraphs:
        document.add_paragraph(paragraph)
    for caption in item.caption_lines:
        document.add_paragraph().add_run(caption).italic = True
    footer = document.add_paragraph()
    footer.add_run(item.owner_unit.name).bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def news_html(item: NewsItem) -> str:
    return render_to_string("news/export.html", {"item": item})
