"""Upload checks: content, not the name, decides; disguised files, active content, path
tricks and limits are refused with a key the person is shown."""

import io

import pytest

from tests import upload_samples as s
from tracker.domain.i18n import t
from tracker.exchange import uploads


def check(name, data, **env):
    return uploads.check_upload(name, data)


def test_sound_files_are_accepted_with_their_real_type():
    for name, data, ext in [("a.jpg", s.jpeg(), "jpg"), ("b.png", s.png(), "png"),
                            ("c.pdf", s.pdf(), "pdf"), ("d.docx", s.office(), "docx")]:
        ok, key, _ = check(name, data)
        assert key is None and ok.ext == ext and ok.mime == uploads.MIMES[ext]
        assert ok.shown_name == name and ok.size == len(ok.data)


def test_type_comes_from_content_not_name():
    ok, _, _ = check("photo.pdf", s.png())
    assert ok.ext == "png"


def test_png_header_followed_by_html_is_refused():
    fake = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    assert check("x.png", fake)[1] == "up.val.broken"


def test_jpeg_header_followed_by_script_is_refused():
    assert check("x.jpg", b"\xff\xd8\xff<script>alert(1)</script>")[1] == "up.val.broken"


def test_html_or_program_is_refused_as_a_type():
    assert check("x.png", b"<html><body>hi</body></html>")[1] == "up.val.type"
    assert check("x.png", b"MZ\x90\x00 this is a program")[1] == "up.val.type"


def test_valid_image_with_appended_script_is_re_encoded_without_it():
    ok, key, _ = check("x.png", s.png() + b"<script>alert(1)</script>")
    assert key is None and b"<script>" not in ok.data


def test_gps_and_other_metadata_are_stripped():
    from PIL import Image

    original = s.jpeg(gps=True)
    assert b"PhoneMaker" in original
    ok, key, _ = check("gps.jpg", original)
    assert key is None and b"PhoneMaker" not in ok.data
    with Image.open(io.BytesIO(ok.data)) as im:
        assert not im.getexif() and im.size == (40, 30)


def test_heic_is_converted_to_jpeg():
    ok, key, _ = check("IMG_0001.HEIC", s.heic())
    assert key is None and ok.ext == "jpg" and ok.mime == "image/jpeg"
    assert ok.shown_name == "IMG_0001.jpg" and ok.data.startswith(b"\xff\xd8\xff")


@pytest.mark.parametrize("extra,compressed,what", [
    (b"/Extra << /S /JavaScript /JS (app.alert(1)) >>", b"", "JavaScript"),
    (b"/AA << /O 4 0 R >>", b"", "AA"),
    (b"/Names << /EmbeddedFiles 5 0 R >>", b"", "EmbeddedFiles"),
    (b"/OpenAction << /S /Launch /F (calc.exe) >>", b"", "OpenAction"),
    (b"/OpenAction 4 0 R", b"", "OpenAction"),
    (b"/#4A#53 (app.alert(1))", b"", "JS"),  # a name spelt with #xx escapes
    (b"", b"4 0 << /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),  # in an ObjStm
])
def test_pdf_with_active_content_is_refused(extra, compressed, what):
    ok, key, params = check("x.pdf", s.pdf(extra, compressed))
    assert ok is None and key == "up.val.pdf_active" and params["what"] == what


def test_pdf_names_that_only_start_like_active_ones_pass():
    ok, key, _ = check("x.pdf", s.pdf(b"/JSON 1 /AAPL 2 /Launcher 3"))
    assert key is None


def test_office_with_macros_or_wrong_content_types_is_refused():
    assert check("m.docx", s.office(macro=True))[1] == "up.val.macros"
    macro_ct = "application/vnd.ms-word.document.macroEnabled.main+xml"
    assert check("m.docx", s.office(main=macro_ct))[1] == "up.val.macros"
    assert check("z.docx", s.office(main="text/plain"))[1] == "up.val.type"
    assert check("z.docx", b"PK\x03\x04 not really a zip")[1] == "up.val.type"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert check("t.xlsx", s.office(main=xlsx))[0].ext == "xlsx"


@pytest.mark.parametrize("name,key", [
    ("../../etc/passwd.png", "up.val.name_path"),
    ("..\\boot.png", "up.val.name_path"),
    ("/abs.png", "up.val.name_path"),
    ("a\x00.png", "up.val.name_control"),
    ("a\nb.png", "up.val.name_control"),
    ("gpj.\u202eexe.png", "up.val.name_control"),
    ("", "up.val.name_empty"),
    ("x" * 200 + ".png", "up.val.name_long"),
])
def test_bad_file_names_are_refused(name, key):
    ok, got, params = check(name, s.png())
    assert ok is None and got == key
    assert "\x00" not in t(got, "en", **params) and "\u202e" not in t(got, "fa", **params)


def test_persian_names_with_zwnj_are_fine():
    ok, key, _ = check("عکس پیاده‌رو.png", s.png())
    assert key is None and ok.shown_name == "عکس پیاده‌رو.png"


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRACKER_UPLOAD_MAX_MB", "1")
    monkeypatch.setenv("TRACKER_UPLOAD_MAX_FILES", "3")
    monkeypatch.setenv("TRACKER_UPLOAD_TYPES", "png, pdf")
    lim = uploads.limits()
    assert (lim.max_bytes, lim.max_files, lim.types) == (1024 * 1024, 3, ("png", "pdf"))
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    assert check("big.pdf", big)[1] == "up.val.too_big"
    assert check("a.jpg", s.jpeg())[1] == "up.val.type"
    assert uploads.picker_types() == ["png", "pdf"]


def test_defaults_without_environment(monkeypatch):
    for name in ("TRACKER_UPLOAD_MAX_MB", "TRACKER_UPLOAD_MAX_FILES", "TRACKER_UPLOAD_TYPES"):
        monkeypatch.delenv(name, raising=False)
    lim = uploads.limits()
    assert (lim.max_bytes, lim.max_files) == (10 * 1024 * 1024, 10)
    assert set(lim.types) == {"jpg", "png", "heic", "pdf", "docx", "xlsx", "pptx"}


def test_every_refusal_has_a_message_in_both_languages():
    for key in ("up.val.name_empty", "up.val.name_path", "up.val.name_control",
                "up.val.name_long", "up.val.empty", "up.val.too_big", "up.val.type",
                "up.val.broken", "up.val.pixels", "up.val.heic", "up.val.pdf_active",
                "up.val.macros"):
        for lang in ("fa", "en"):
            assert t(key, lang, name="x", max=1, types="png", what="JS")
