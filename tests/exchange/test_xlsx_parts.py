"""The parts of a workbook around its sheet: relationships, the first sheet, shared
strings (phonetic runs left out, one too long marked) and the styles that show dates."""

import io
import zipfile

import pytest

from tests.xlsx_files import SHEET_HEAD, SHEET_TAIL, xlsx
from tracker.exchange import xlsx_parts
from tracker.exchange.sheet_limits import ImportRefused, Limits

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _zip(**parts: str) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in parts.items():
            z.writestr(name.replace("__", "/"), text)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_relations_lead_to_the_first_sheet_and_the_shared_strings():
    zf = zipfile.ZipFile(io.BytesIO(xlsx([SHEET_HEAD, SHEET_TAIL], ["<sst/>"])))
    names = set(zf.namelist())
    assert xlsx_parts.target(zf, names, "_rels/.rels", "", "/officeDocument") == \
        "xl/workbook.xml"
    targets = xlsx_parts.relations(zf, names, "xl/_rels/workbook.xml.rels", "xl")
    assert targets == {"rId1": ("worksheet", "xl/worksheets/sheet1.xml"),
                       "rId2": ("sharedStrings", "xl/sharedStrings.xml")}
    assert xlsx_parts.first_sheet(zf, "xl/workbook.xml", targets) == \
        ("Sheet1", "xl/worksheets/sheet1.xml", False)
    assert xlsx_parts.relations(zf, names, "xl/_rels/missing.rels", "xl") == {}


def test_a_workbook_without_a_worksheet_is_not_a_spreadsheet():
    zf = _zip(book=f"<workbook {_NS}><workbookPr date1904='1'/><sheets/></workbook>")
    with pytest.raises(ImportRefused) as info:
        xlsx_parts.first_sheet(zf, "book", {})
    assert info.value.key == "io.refuse.not_spreadsheet"


def test_shared_strings_skip_phonetic_runs_and_mark_one_too_long():
    sst = (f"<sst {_NS}><si><t>plain</t></si>"
           "<si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>PHONETIC</t></rPh></si>"
           "<si><t>&lt;b&gt; _x0041_</t></si>"
           f"<si><t>{'x' * 13}</t></si></sst>")
    zf = _zip(sst=sst)
    got = xlsx_parts.shared_strings(zf, "sst", Limits(max_cell_chars=12))
    assert got[:3] == ["plain", "rich", "<b> A"]
    assert got[3] is xlsx_parts.TOO_LONG


def test_date_styles_are_the_cell_formats_that_show_a_date():
    styles = (f"<styleSheet {_NS}><numFmts><numFmt numFmtId='164' formatCode='yyyy/mm/dd'/>"
              "<numFmt numFmtId='165' formatCode='0.00%'/></numFmts>"
              "<cellStyleXfs><xf numFmtId='14'/></cellStyleXfs>"
              "<cellXfs><xf numFmtId='0'/><xf numFmtId='14'/><xf numFmtId='164'/>"
              "<xf numFmtId='165'/><xf numFmtId='bad'/></cellXfs></styleSheet>")
    assert xlsx_parts.date_styles(_zip(styles=styles), "styles") == {1, 2}


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "b">]><sst/>',
    "<sst><si><t>broken</si>",
])
def test_a_declaration_or_broken_xml_is_refused(text):
    with pytest.raises(ImportRefused) as info:
        xlsx_parts.shared_strings(_zip(sst=text), "sst", Limits())
    assert info.value.key == "io.refuse.not_spreadsheet"
