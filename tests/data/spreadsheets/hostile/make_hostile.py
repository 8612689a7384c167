#!/usr/bin/env python3
"""Writes the broken and hostile spreadsheets the readers must refuse (tests/unit/
test_hostile_data.cpp loads each; expected.tsv says what each message must contain). The files
are committed; run this again only to change them:  tests/data/spreadsheets/hostile/make_hostile.py
"""
import pathlib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
GOOD = HERE.parent / "council.xlsx"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"""
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Recommendation</t></is></c>'
              '<c r="C1" t="inlineStr"><is><t>Status</t></is></c></row>')
SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>"""


def workbook(path, sheet_xml, shared_xml=None, sheets='<sheet name="Actions" sheetId="1" r:id="rId1"/>',
             compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compress) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK.format(sheets=sheets))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if sheet_xml is not None:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared_xml is not None:
            z.writestr("xl/sharedStrings.xml", shared_xml)


def main():
    good = GOOD.read_bytes()
    (HERE / "01-not-a-zip.xlsx").write_text("Ref,Recommendation,Status\n1,Do it,Done\n")
    # JSON named .xlsx: read as JSON, since the bytes decide (docs/spreadsheets.md), and refused
    # for what it lacks.
    (HERE / "02-json-named-xlsx.xlsx").write_text('{"format": "actionboard-plan/1"}\n')
    (HERE / "03-xls-binary.xlsx").write_bytes(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)
    (HERE / "04-truncated.xlsx").write_bytes(good[: len(good) // 2])
    (HERE / "05-empty-file.xlsx").write_bytes(b"")
    # 100 MiB of spaces inside the sheet: a zip bomb of about 100 KB.
    workbook(HERE / "06-zip-bomb.xlsx", SHEET.format(rows=HEADER_ROW + " " * (100 << 20)))
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' \
             '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    workbook(HERE / "07-billion-laughs.xlsx", SHEET.format(rows=HEADER_ROW),
             SHARED.format(items="<si><t>&lol3;</t></si>").replace("<sst", laughs + "<sst", 1))
    workbook(HERE / "08-external-entity.xlsx",
             SHEET.format(rows=HEADER_ROW).replace(
                 "<worksheet", '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet', 1)
             .replace("<t>Ref</t>", "<t>&x;</t>"))
    # A million rows, each with a value (no row numbers, so the XML compresses to little).
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    workbook(HERE / "09-million-rows.xlsx", SHEET.format(rows=HEADER_ROW + row * 1_000_000))
    workbook(HERE / "10-no-sheets.xlsx", SHEET.format(rows=HEADER_ROW), sheets="")
    workbook(HERE / "11-empty-sheet.xlsx", SHEET.format(rows=""))
    workbook(HERE / "12-missing-sheet-part.xlsx", None)
    workbook(HERE / "13-bad-shared-string.xlsx",
             SHEET.format(rows=HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'),
             SHARED.format(items="<si><t>only one</t></si>"))
    workbook(HERE / "14-not-well-formed.xlsx", SHEET.format(rows=HEADER_ROW + "<row><c>"))
    workbook(HERE / "15-past-the-columns.xlsx",
             SHEET.format(rows=HEADER_ROW + '<row r="2"><c r="XFD2"><v>1</v></c></row>'))
    workbook(HERE / "16-ods-named-xlsx.xlsx", None)
    with zipfile.ZipFile(HERE / "16-ods-named-xlsx.xlsx", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    # A Word document (.docx) in Word's layout, and an encrypted workbook: Excel writes one as an
    # OLE2 compound file holding an EncryptedPackage stream (the name in UTF-16LE, in a directory
    # sector; the rest left empty here).
    with zipfile.ZipFile(HERE / "17-word-named-xlsx.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS.replace("xl/workbook.xml", "word/document.xml"))
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                   'openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    entry = "EncryptedPackage".encode("utf-16-le") + b"\0\0"
    entry += b"\0" * (64 - len(entry)) + len("EncryptedPackage\0".encode("utf-16-le")).to_bytes(2, "little")
    (HERE / "18-encrypted.xlsx").write_bytes(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504 +
                                             entry + b"\0" * (128 - len(entry)))
    (HERE / "20-unclosed-quote.csv").write_text('Ref,Recommendation,Status\n1,"Do it,Done\n2,x,Done\n')
    (HERE / "21-utf16.csv").write_bytes("Ref,Recommendation,Status\n".encode("utf-16"))
    (HERE / "22-nul-byte.csv").write_bytes(b"Ref,Recommendation,Status\n1,a\0b,Done\n")
    (HERE / "23-no-header.csv").write_text("just,some,words\n1,2,3\n")
    (HERE / "24-empty.csv").write_text("")


if __name__ == "__main__":
    main()
