"""The text of an uploaded article, by what the file is (its bytes), not by its name.

A Word file is recognised as the project's other uploads are
(:func:`solidarity.core.files.sniff`); anything else must be UTF-8 text, and
text that is a web page is read for its paragraphs, without its scripts and
styles. Anything else is refused with a message.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from solidarity.core.files import check_size, sniff

MAX_BYTES = 5 * 1024 * 1024
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "title"}
SKIPPED = {"script", "style", "noscript", "template", "svg", "head"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        if tag == "title":
            self.in_title = True
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in paragraphs if line)


def _refused() -> ValidationError:
    return ValidationError(
        _(
            "This file cannot be read as an article: "
            "upload a text (.txt), web page (.html) or Word (.docx) file."
        ),
        code="file_type",
    )


def article_text(upload) -> str:
    """The article's text from ``upload``; ValidationError (in Vietnamese) for what is not one."""
    check_size(upload, MAX_BYTES)
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        try:
            kind = sniff(upload)
        except ValidationError:
            raise _refused() from None
        if kind != "docx":
            raise _refused()
        from docx import Document

        try:
            document = Document(io.BytesIO(upload.read()))
        except Exception:  # a damaged package: python-docx raises several kinds
            raise _refused() from None
        finally:
            upload.seek(0)
        return "\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refused()
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise _refused() from None
    if any(ord(c) < 32 and c not in "\n\r\t\f" for c in text):
        raise _refused()
    stripped = text.lstrip().lower()
    if stripped.startswith(("<!doctype", "<html", "<?xml", "<body", "<article", "<p", "<div", "<h1")):
        text = html_text(text)
    return text.strip()
