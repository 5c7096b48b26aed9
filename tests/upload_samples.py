"""Sample evidence files for the upload tests: sound ones and disguised ones."""

from __future__ import annotations

import io
import zipfile
import zlib

CT_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
           '.org/package/2006/content-types">')
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def jpeg(gps: bool = False, size: tuple[int, int] = (40, 30), color=(200, 30, 30)) -> bytes:
    """A small JPEG, with an EXIF GPS position when ``gps``."""
    from PIL import Image

    im = Image.new("RGB", size, color)
    buf = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (35.0, 41.0, 21.0), 3: "E", 4: (51.0, 23.0, 23.0)}
        exif[0x010F] = "PhoneMaker"
        im.save(buf, "JPEG", exif=exif.tobytes())
    else:
        im.save(buf, "JPEG")
    return buf.getvalue()


def png(size: tuple[int, int] = (20, 10)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (0, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def heic() -> bytes:
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 200, 10)).save(buf, "HEIF")
    return buf.getvalue()


def pdf(extra: bytes = b"", compressed: bytes = b"") -> bytes:
    """A one-page PDF; ``extra`` goes into the catalogue dictionary, ``compressed`` into
    a Flate-compressed object stream."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R " + extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    if compressed:
        body = zlib.compress(compressed)
        objs.append(b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
                    + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream")
    out = b"%PDF-1.7\n"
    for i, o in enumerate(objs, 1):
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def office(main: str = DOCX_MAIN, parts: dict | None = None, macro: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    CT_HEAD + f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
                    + "</Types>")
        zf.writestr("word/document.xml", "<w:document/>")
        if macro:
            zf.writestr("word/vbaProject.bin", b"\x00macro")
        for name, data in (parts or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()
