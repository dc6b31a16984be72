"""EPUB books (.epub): the chapters in reading order, each a "chapter" block.

An EPUB is a ZIP of XHTML files; its package document (the OPF) lists them in
reading order (the spine). Reader reads it with the standard library's
zipfile and lxml, not a dedicated library: the common one, EbookLib, is AGPL,
which an MIT program cannot ship. Every XML file is parsed without DTDs,
entities or network. Chapters keep their headings, lists, quotes and tables
(the same conversion as a saved page, without furniture removal: a book has
none). DRM-protected, damaged and oversized books are refused with a reason.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Any

from reader.core.article import Article, ArticleError
from reader.core.formats import Format
from reader.core.formats.textbuilder import TextBuilder, one_line, with_title

MAX_UNPACKED = 256 * 1024 * 1024  # a zip bomb stops here, not in memory
MAX_DOCUMENTS = 5_000
_MIMETYPE = b"mimetypeapplication/epub+zip"
_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}


def is_epub(data: bytes) -> bool:
    """An OCF container: a ZIP whose first entry is the stored EPUB mimetype."""
    return data.startswith(b"PK\x03\x04") and data[30:58] == _MIMETYPE


def _xml(p: Path, data: bytes, what: str) -> Any:
    import lxml.etree

    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError:
        root = None
    if root is None:
        raise ArticleError(p, f"this EPUB is damaged ({what} cannot be read)")
    return root


def _chapter(data: bytes) -> Any:
    """An XHTML chapter as a tree; lenient, since many books' XHTML is not well-formed."""
    import lxml.etree
    import lxml.html

    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError:
        root = None
    if root is None:
        root = lxml.html.fromstring(data)
    return root


class _Book:
    def __init__(self, p: Path, data: bytes) -> None:
        self.p = p
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = {info.filename: info for info in self.zip.infolist()}
        except (zipfile.BadZipFile, ValueError, OSError):
            raise ArticleError(p, "this EPUB is damaged (not a readable ZIP archive)") from None
        self.unpacked = 0

    def read(self, name: str, what: str) -> bytes:
        info = self.names.get(name)
        if info is None:
            raise ArticleError(self.p, f"this EPUB is damaged ({what} is missing)")
        self.unpacked += info.file_size
        if self.unpacked > MAX_UNPACKED:
            raise ArticleError(self.p, "this EPUB is too large to read")
        try:
            with self.zip.open(info) as f:
                data = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as exc:
            if "encrypted" in str(exc):
                raise ArticleError(self.p, "this EPUB is protected by a password") from None
            raise ArticleError(self.p, f"this EPUB is damaged ({what} cannot be read)") from None
        if len(data) > info.file_size:
            raise ArticleError(self.p, f"this EPUB is damaged ({what} is larger than it says)")
        return data


def _load(p: Path, data: bytes) -> Article:
    book = _Book(p, data)
    container = _xml(p, book.read("META-INF/container.xml", "its container"), "its container")
    rootfile = container.find(".//c:rootfile", _NS)
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path:
        raise ArticleError(p, "this EPUB is damaged (it names no package document)")
    opf = _xml(p, book.read(opf_path, "its package document"), "its package document")
    base = posixpath.dirname(opf_path)

    protected: set[str] = set()
    if "META-INF/encryption.xml" in book.names:
        encryption = _xml(p, book.read("META-INF/encryption.xml", "encryption.xml"), "encryption")
        for ref in encryption.iterfind(".//enc:CipherReference", _NS):
            protected.add(posixpath.normpath(str(ref.get("URI", ""))))

    manifest = {
        item.get("id"): item
        for item in opf.iterfind(".//opf:manifest/opf:item", _NS)
        if item.get("id") and item.get("href")
    }
    spine = [
        manifest[ref.get("idref")]
        for ref in opf.iterfind(".//opf:spine/opf:itemref", _NS)
        if ref.get("idref") in manifest and ref.get("linear", "yes") != "no"
    ]
    if not spine:
        raise ArticleError(p, "this EPUB has no chapters to read")
    if len(spine) > MAX_DOCUMENTS:
        raise ArticleError(p, f"this EPUB has {len(spine):,} chapters, too many to read")

    from urllib.parse import unquote

    from reader.core.formats.html import html_to_text

    out = TextBuilder()
    number = 0
    for item in spine:
        if "html" not in str(item.get("media-type", "")):
            continue
        name = posixpath.normpath(posixpath.join(base, unquote(str(item.get("href")))))
        if name in protected:
            raise ArticleError(p, "this EPUB is protected by DRM; Reader cannot read it")
        text, blocks = html_to_text(_chapter(book.read(name, f"chapter {name}")))
        if not text.strip():
            continue
        number += 1
        out.open_container("chapter", number)
        _append(out, text, blocks)
        out.close_container()
    if not out.parts:
        raise ArticleError(p, "this EPUB has no text to read (only images?)")

    meta: dict[str, str] = {}
    for key, tag in (("title", "title"), ("author", "creator"), ("date", "date")):
        element = opf.find(f".//opf:metadata/dc:{tag}", _NS)
        if element is not None and element.text and one_line(element.text):
            meta[key] = one_line(element.text)
    return with_title(p, out.text(), out.blocks, "epub", meta, p.stem)


def _append(out: TextBuilder, text: str, blocks: list[Any]) -> None:
    """Add a converted chapter to the book's text, moving its blocks along."""
    from reader.core.article import Block

    body = text.strip()
    lead = len(text) - len(text.lstrip())
    start = out.length + (2 if out.parts else 0)
    out.add(body)  # one add keeps the chapter's own line structure
    for b in blocks:
        out.blocks.append(Block(b.start - lead + start, b.end - lead + start, b.role, b.level))


FORMAT = Format("epub", "EPUB books", (".epub",), _load, sniff=is_epub)
