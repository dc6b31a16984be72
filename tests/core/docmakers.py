"""Small PDF and EPUB files built in code for the tests (nothing binary is committed)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

Line = tuple[str, float]  # text, font size (an int is fine)


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(
    pages: Sequence[Sequence[Sequence[tuple[str, float]]]],
    info: dict[str, str] | None = None,
    encrypted: bool = False,
) -> bytes:
    """A PDF whose pages hold paragraphs of lines, set in Helvetica at the given sizes.

    `pages` is a list of pages; a page a list of paragraphs; a paragraph a list of
    lines. An empty page holds only a filled rectangle (what a scan's page is, text-wise).
    `encrypted` adds a standard security handler whose user password is not empty.
    """
    objects: list[str] = []

    def add(body: str) -> int:
        objects.append(body)
        return len(objects)

    catalog = add("")  # filled in below
    pages_id = add("")
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        ops, y = [], 740.0
        for paragraph in page:
            for text, size in paragraph:
                ops.append(f"BT /F1 {size:g} Tf 72 {y:.1f} Td {_pdf_string(text)} Tj ET")
                y -= size * 1.25
            y -= 18
        if not page:
            ops.append("0.2 0.2 0.2 rg 72 300 400 300 re f")
        stream = "\n".join(ops)
        content = add(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>"
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    )
    trailer_extra = ""
    if info:
        entries = " ".join(f"/{k} {_pdf_string(v)}" for k, v in info.items())
        trailer_extra += f" /Info {add(f'<< {entries} >>')} 0 R"
    if encrypted:
        owner, user = "a1" * 32, "b2" * 32
        encrypt = add(f"<< /Filter /Standard /V 1 /R 2 /O <{owner}> /U <{user}> /P -44 >>")
        trailer_extra += f" /Encrypt {encrypt} 0 R /ID [<{'c3' * 16}> <{'c3' * 16}>]"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{trailer_extra} >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles></container>"""


def make_epub(
    chapters: list[str],
    title: str = "A Book",
    creator: str = "An Author",
    drm: bool = False,
    mimetype_first: bool = True,
) -> bytes:
    """An EPUB 3 whose chapters are XHTML bodies (the markup inside <body>), in spine order."""
    manifest = "\n".join(
        f'<item id="c{i}" href="text/ch{i}.xhtml" media-type="application/xhtml+xml"/>'
        for i in range(len(chapters))
    )
    spine = "\n".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0</dc:identifier>
    <dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dc:language>en</dc:language>
  </metadata>
  <manifest>{manifest}</manifest>
  <spine>{spine}</spine>
</package>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype_first:
            z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", CONTAINER)
        z.writestr("OEBPS/content.opf", opf)
        for i, body in enumerate(chapters):
            z.writestr(
                f"OEBPS/text/ch{i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?>\n'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
                f"<body>{body}</body></html>",
            )
        if drm:
            z.writestr(
                "META-INF/encryption.xml",
                '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                '<enc:CipherData><enc:CipherReference URI="OEBPS/text/ch0.xhtml"/>'
                "</enc:CipherData></enc:EncryptedData></encryption>",
            )
    return buffer.getvalue()
