"""EPUB and PDF files built at test (and benchmark) time: zipfile for EPUB, fpdf2 for PDF.

Nothing big is committed; each test makes the book it needs, as a real reader would
find it (EPUB 2 with an NCX or EPUB 3 with a navigation document; PDF pages with real
text, outlines, columns, headers and footers).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any


@dataclass
class Chapter:
    """One XHTML file of a book."""

    name: str
    """File name inside OEBPS/ (also its manifest id, without the suffix)."""
    body: str
    """XHTML inside <body>."""
    linear: bool = True
    title: str = ""


@dataclass
class TocItem:
    """A table-of-contents entry: title, target (file, optionally #anchor), children."""

    title: str
    href: str
    children: list[TocItem] = field(default_factory=list)


def make_epub(
    path: Path,
    chapters: list[Chapter],
    toc: list[TocItem] | None = None,
    *,
    title: str = "A Test Book",
    author: str = "Ann Author",
    language: str = "en",
    version: int = 3,
    spine: list[str] | None = None,
    nav_in_spine: bool = False,
    encryption: str | None = None,
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Write an EPUB to ``path``. ``spine`` orders chapters by name (default: as given);
    the manifest always lists them in reverse, so spine order is what is tested."""
    toc = toc if toc is not None else [TocItem(c.title or c.name, c.name) for c in chapters]
    order = spine if spine is not None else [c.name for c in chapters]
    by_name = {c.name: c for c in chapters}
    manifest = []
    for chapter in reversed(chapters):
        manifest.append(
            f'<item id="{_id(chapter.name)}" href="{chapter.name}" '
            'media-type="application/xhtml+xml"/>'
        )
    manifest.append('<item id="cover-img" href="cover.png" media-type="image/png"/>')
    if version == 3:
        manifest.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                        'properties="nav"/>')
    else:
        manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
    spine_items = []
    if nav_in_spine and version == 3:
        spine_items.append('<itemref idref="nav"/>')
    for name in order:
        linear = "" if by_name[name].linear else ' linear="no"'
        spine_items.append(f'<itemref idref="{_id(name)}"{linear}/>')
    toc_attr = ' toc="ncx"' if version == 2 else ""
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{version}.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0000</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:creator>{escape(author)}</dc:creator>
    <dc:language>{language}</dc:language>
  </metadata>
  <manifest>{"".join(manifest)}</manifest>
  <spine{toc_attr}>{"".join(spine_items)}</spine>
</package>"""
    container = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf"
   media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container)
        archive.writestr("OEBPS/content.opf", opf)
        archive.writestr("OEBPS/cover.png", b"\x89PNG\r\n\x1a\n")
        if version == 3:
            archive.writestr("OEBPS/nav.xhtml", _nav(toc))
        else:
            archive.writestr("OEBPS/toc.ncx", _ncx(toc))
        for chapter in chapters:
            archive.writestr(f"OEBPS/{chapter.name}", xhtml(chapter.body, chapter.title))
        if encryption is not None:
            archive.writestr("META-INF/encryption.xml", encryption)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def covered_book(path: Path) -> Path:
    """An EPUB 3 book as published: a cover page (only its picture), a copyright page
    (both marked with epub:type), then one chapter: "One", "The story begins here."."""
    return make_epub(path, [
        Chapter("cover.xhtml", '<section epub:type="cover"><img src="cover.png" alt="Cover"/>'
                "</section>", title="Cover"),
        Chapter("rights.xhtml", '<section epub:type="copyright-page"><p>© 2021 Ann Author. '
                "All rights reserved.</p></section>", title="Copyright"),
        Chapter("ch1.xhtml", "<h1>One</h1><p>The story begins here.</p>", title="One"),
    ])


def replace_member(book: Path, name: str, data: bytes | None) -> None:
    """Rewrite one file of a book's zip, or drop it (``data`` None): a damaged book."""
    with zipfile.ZipFile(book) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            if info.filename != name:
                archive.writestr(info, content)
        if data is not None:
            archive.writestr(name, data)


def xhtml(body: str, title: str = "") -> str:
    """A chapter file around ``body``."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{escape(title)}</title></head>
<body>{body}</body>
</html>"""


def encryption_xml(algorithm: str, uri: str) -> str:
    """An encryption.xml with one encrypted file."""
    return f"""<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
  xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData>
    <enc:EncryptionMethod Algorithm="{algorithm}"/>
    <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData>
  </enc:EncryptedData>
</encryption>"""


def _id(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _nav(toc: list[TocItem]) -> str:
    def items(entries: list[TocItem]) -> str:
        parts = []
        for entry in entries:
            inner = f'<a href="{entry.href}">{escape(entry.title)}</a>'
            if entry.children:
                inner += f"<ol>{items(entry.children)}</ol>"
            parts.append(f"<li>{inner}</li>")
        return "".join(parts)

    return xhtml(f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{items(toc)}</ol></nav>'
                 '<nav epub:type="landmarks"><ol><li><a href="cover.xhtml">Cover</a></li></ol>'
                 "</nav>", "Contents")


def _ncx(toc: list[TocItem]) -> str:
    counter = [0]

    def points(entries: list[TocItem]) -> str:
        parts = []
        for entry in entries:
            counter[0] += 1
            parts.append(
                f'<navPoint id="p{counter[0]}" playOrder="{counter[0]}">'
                f"<navLabel><text>{escape(entry.title)}</text></navLabel>"
                f'<content src="{entry.href}"/>{points(entry.children)}</navPoint>'
            )
        return "".join(parts)

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head/><docTitle><text>Book</text></docTitle>
  <navMap>{points(toc)}</navMap>
</ncx>"""


def pdf_writer() -> Any:
    """An fpdf2 document with Helvetica at 11 points and no automatic page breaks."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    return pdf


def pdf_page(pdf: Any, paragraphs: list[str], *, heading: str = "", header: str = "",
             number: int | None = None, columns: int = 1) -> None:
    """One page: an optional heading in large type, the paragraphs (one column or two),
    a running header at the top and the page number at the bottom."""
    pdf.add_page()
    if header:
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(15, 10)
        pdf.cell(0, 5, header)
    top = 30
    if heading:
        pdf.set_font("Helvetica", size=18)
        pdf.set_xy(15, 30)
        pdf.cell(0, 10, heading)
        top = 48
    pdf.set_font("Helvetica", size=11)
    if columns == 2:
        half = (len(paragraphs) + 1) // 2
        for x, part in ((15, paragraphs[:half]), (110, paragraphs[half:])):
            pdf.set_xy(x, top)
            for paragraph in part:
                pdf.set_x(x)
                pdf.multi_cell(85, 5.5, paragraph)
                pdf.ln(4)
    else:
        pdf.set_xy(15, top)
        for paragraph in paragraphs:
            pdf.multi_cell(180, 5.5, paragraph)
            pdf.ln(4)
    if number is not None:
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, str(number))


def raw_pdf(pages: int, *, cyclic_outline: bool = False) -> bytes:
    """A minimal hand-written PDF: ``pages`` pages each saying "Page N.", optionally with
    an outline whose entries point at each other in a loop."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode() if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")
    tree = add("")
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for number in range(1, pages + 1):
        text = f"BT /F1 12 Tf 72 400 Td (Text of page {number}.) Tj ET".encode()
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
        kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> "
                        f"/Contents {content} 0 R >>"))
    outline = ""
    if cyclic_outline:
        root = len(objects) + 1
        first, second = root + 1, root + 2
        add(f"<< /Type /Outlines /First {first} 0 R /Last {second} 0 R /Count 2 >>")
        add(f"<< /Title (One) /Parent {root} 0 R /Next {second} 0 R /First {second} 0 R "
            f"/Dest [{kids[0]} 0 R /Fit] >>")
        add(f"<< /Title (Two) /Parent {root} 0 R /Next {first} 0 R /First {first} 0 R "
            f"/Dest [{kids[-1]} 0 R /Fit] >>")
        outline = f" /Outlines {root} 0 R"
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R{outline} >>".encode()
    objects[tree - 1] = (f"<< /Type /Pages /Count {pages} /Kids ["
                         + " ".join(f"{kid} 0 R" for kid in kids) + "] >>").encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    return bytes(out)
