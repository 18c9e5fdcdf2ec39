"""An article's text from a .txt, .html or .docx file (or its bytes, for an upload)."""

from __future__ import annotations

import io
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm", ".docx")


class UnreadableArticle(ValueError):
    pass


def read_article(path: str | Path) -> str:
    path = Path(path)
    return article_text(path.read_bytes(), path.name)


def article_text(data: bytes, filename: str) -> str:
    """The text of an article file: paragraphs one per line, HTML tags and scripts dropped."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        return _docx_text(data)
    if suffix in (".html", ".htm"):
        return _html_text(data)
    if suffix == ".txt" or not suffix:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableArticle("Tệp văn bản không ở dạng UTF-8.") from error
    raise UnreadableArticle("Chỉ đọc được tệp .txt, .html hoặc .docx.")


def _html_text(data: bytes) -> str:
    import lxml.html

    try:
        # Undeclared encodings are UTF-8 here (lxml would guess Latin-1); a declared one is lxml's to read.
        head = data[:2048].lower()
        declared = b"charset" in head or b"encoding=" in head
        root = lxml.html.document_fromstring(data if declared else data.decode("utf-8", errors="replace"))
    except Exception as error:  # lxml raises several kinds on junk
        raise UnreadableArticle("Không đọc được tệp HTML.") from error
    for element in root.xpath("//script|//style|//noscript|//head"):
        element.drop_tree()
    blocks = root.xpath("//h1|//h2|//h3|//h4|//p|//li|//td|//blockquote|//figcaption")
    lines = [" ".join(block.text_content().split()) for block in blocks]
    if not any(lines):
        lines = [" ".join(root.text_content().split())]
    return "\n\n".join(line for line in lines if line)


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a corrupt or foreign zip
        raise UnreadableArticle("Không đọc được tệp Word (.docx).") from error
    lines = [paragraph.text.strip() for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text.strip() for cell in row.cells)
    return "\n\n".join(line for line in lines if line)
