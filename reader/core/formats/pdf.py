"""PDF documents (.pdf): the text in reading order, by pdfminer.six (MIT).

pdfminer's layout analysis groups characters into lines and lines into text
boxes and orders the boxes the way the page reads (columns included); each box
becomes a paragraph, with lines joined and words split by a hyphen at a line's
end put back together. Boxes set clearly larger than the body text become
headings. Each page is a "page" block, which the view marks with a rule and its
number. Bad, encrypted, scanned (image-only) and very long PDFs are refused
with a reason.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from reader.core.article import Article, ArticleError
from reader.core.formats import Format, is_pdf
from reader.core.formats.textbuilder import TextBuilder, one_line, with_title

MAX_PAGES = 300  # an article, a report, a paper; a book belongs in an EPUB
MAX_CHARS = 4_000_000
_HYPHENATED = re.compile(r"(\w)-\n(?=[a-zà-ÿ])")
_JUNK_TITLE = re.compile(r"^(microsoft (word|powerpoint) - |untitled\b)|\.(docx?|pdf|indd)$", re.I)


def _paragraph(box: Any) -> str:
    """A text box's lines as one paragraph; a word hyphenated across lines is whole again."""
    text = _HYPHENATED.sub(r"\1", box.get_text())
    return one_line(text)


def _font_size(box: Any) -> float:
    """The size most of a box's characters are set in (0 for none)."""
    from pdfminer.layout import LTChar

    sizes = [round(ch.size, 1) for line in box for ch in line if isinstance(ch, LTChar)]
    return statistics.mode(sizes) if sizes else 0.0


def _info(data: bytes) -> dict[str, str]:
    """Title and author from the document information dictionary, when meaningful."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    meta: dict[str, str] = {}
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = document.info[0] if document.info else {}
    except Exception:  # metadata is optional: the pages decide whether the PDF reads
        return meta
    for key, name in (("Title", "title"), ("Author", "author"), ("CreationDate", "")):
        value: Any = info.get(key)
        if hasattr(value, "resolve"):
            value = value.resolve()
        if isinstance(value, bytes):
            text = one_line(decode_text(value))
            if name and text and not _JUNK_TITLE.search(text):
                meta[name] = text
            elif key == "CreationDate" and (m := re.match(r"D:(\d{4})(\d\d)(\d\d)", text)):
                meta["date"] = f"{m[1]}-{m[2]}-{m[3]}"
    return meta


def _read_pages(p: Path, data: bytes) -> list[list[tuple[str, float]]]:
    """Per page, its paragraphs with their font size, in reading order."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    try:
        count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
        if count > MAX_PAGES:
            raise ArticleError(
                p, f"this PDF has {count:,} pages; Reader opens documents of up to {MAX_PAGES}"
            )
        pages: list[list[tuple[str, float]]] = []
        total = 0
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            paragraphs = []
            for element in page:
                if isinstance(element, LTTextBox):
                    text = _paragraph(element)
                    if text:
                        paragraphs.append((text, _font_size(element)))
                        total += len(text)
            if total > MAX_CHARS:
                raise ArticleError(p, "this PDF is too long to read as an article")
            pages.append(paragraphs)
    except ArticleError:
        raise
    except PDFPasswordIncorrect:
        raise ArticleError(p, "this PDF is protected by a password") from None
    except PDFEncryptionError as exc:
        raise ArticleError(
            p, f"this PDF is encrypted in a way Reader cannot read ({exc})"
        ) from None
    except RecursionError:
        raise ArticleError(p, "this PDF is damaged (its structure nests too deeply)") from None
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise ArticleError(
            p, f"this PDF is damaged or incomplete ({exc.__class__.__name__})"
        ) from None
    return pages


def _body_size(pages: list[list[tuple[str, float]]]) -> float:
    """The font size of the body text: the median size, weighted by characters."""
    weights: Counter[float] = Counter()
    for page in pages:
        for text, size in page:
            if size:
                weights[size] += len(text)
    half, seen = sum(weights.values()) / 2, 0
    for size in sorted(weights):
        seen += weights[size]
        if seen >= half:
            return size
    return 0.0


def _load(p: Path, data: bytes) -> Article:
    if not is_pdf(data):
        # Named .pdf, but no PDF header anywhere a PDF has one: not a damaged PDF at all.
        raise ArticleError(p, "this is not a PDF (it does not start as one)")
    pages = _read_pages(p, data)
    body = _body_size(pages)
    out = TextBuilder()
    for number, paragraphs in enumerate(pages, start=1):
        out.open_container("page", number)
        for text, size in paragraphs:
            short = len(text.split()) <= 20
            if body and short and size >= body * 1.6:
                out.add(text, "heading", 1)
            elif body and short and size >= body * 1.2:
                out.add(text, "heading", 2)
            else:
                out.add(text)
        out.close_container()
    if not out.parts:
        raise ArticleError(
            p, "this PDF has no text to read (a scanned document? Reader does not read images)"
        )
    return with_title(p, out.text(), out.blocks, "pdf", _info(data), p.stem)


FORMAT = Format("pdf", "PDF documents", (".pdf",), _load, sniff=is_pdf)
