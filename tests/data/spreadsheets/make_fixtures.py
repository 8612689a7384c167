#!/usr/bin/env python3
"""Makes the spreadsheet fixtures with a real spreadsheet program (LibreOffice), not our writer.

Each workbook is described below as rows of cells, written as a flat OpenDocument spreadsheet
(sources/NAME.fods, committed), and converted by LibreOffice headless to .xlsx and .csv. The
produced files are committed, so the tests need no LibreOffice; run this again after changing a
source (apt-get install libreoffice-calc-nogui):

    tests/data/spreadsheets/make_fixtures.py

expected/NAME.json is each fixture's expected plan (tests/unit/test_spreadsheet.cpp compares the
plan read, with the file's modification day taken as 15 May 2024). After changing a source, write
it with `actionboard --export expected/NAME.json --data COPY` from a copy touched to that day
(`touch -d "2024-05-15 12:00" COPY`), and read it through before committing it.

Cells: "text" (a line break makes paragraphs), ("date", "2024-03-31") a date cell shown d/m/yyyy,
("num", 1.1) a number cell, ("merge", "text", N) a cell merged across N columns, None empty.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
SOURCES = HERE / "sources"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="date" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""


def cell_xml(cell):
    if cell is None:
        return "<table:table-cell/>"
    if isinstance(cell, str):
        paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in cell.split("\n"))
        return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'
    kind = cell[0]
    if kind == "date":
        y, m, d = cell[1].split("-")
        return (f'<table:table-cell table:style-name="date" office:value-type="date" '
                f'office:date-value="{cell[1]}"><text:p>{d}/{m}/{y}</text:p></table:table-cell>')
    if kind == "num":
        return (f'<table:table-cell office:value-type="float" office:value="{cell[1]}">'
                f"<text:p>{cell[1]}</text:p></table:table-cell>")
    if kind == "merge":
        return (f'<table:table-cell table:number-columns-spanned="{cell[2]}" '
                f'office:value-type="string"><text:p>{escape(cell[1])}</text:p></table:table-cell>'
                f'<table:covered-table-cell table:number-columns-repeated="{cell[2] - 1}"/>')
    raise ValueError(cell)


def fods(sheets, date1904=False):
    out = [HEAD]
    if date1904:
        out.append('<table:calculation-settings><table:null-date table:date-value="1904-01-01"/>'
                   "</table:calculation-settings>\n")
    for name, rows in sheets:
        out.append(f'<table:table table:name="{escape(name)}">\n')
        for row in rows:
            out.append("<table:table-row>" + "".join(cell_xml(c) for c in row) +
                       "</table:table-row>\n")
        out.append("</table:table>\n")
    out.append("</office:spreadsheet></office:body></office:document>\n")
    return "".join(out)


# A council's serious case review plan as offices keep them: title rows, headers in the office's
# own words, chapter rows (merged, "2. Title", and a title with no number), continuation rows,
# date cells, a reported RAG that disagrees with the deadlines, an ignored column.
COUNCIL = [("Actions", [
    ["Anytown Safeguarding Children Partnership"],
    ["Serious Case Review: Child D action plan, updated May 2024"],
    [],
    ["Ref No.", "Recommendation", "Action", "Lead officer", "Target date", "Progress update",
     "Status", "RAG status", "Comments"],
    [("merge", "Chapter 1: Governance", 9)],
    [("num", 1), "The partnership should review its escalation policy.",
     "Review the escalation policy", "Head of Safeguarding", ("date", "2024-03-31"),
     "Draft policy written.\nConsulted partners:\n• schools\n• health visitors", "In progress",
     "G", "check with JB"],
    [None, None, "Publish the revised policy", "Comms lead", ("date", "2024-09-30"),
     "Publication planned after sign-off.", None, None, None],
    [("num", 2), "Multi-agency training on neglect must reach all frontline staff.",
     "Deliver the training", "Training manager", "Ongoing",
     "Budget of £5,000 agreed; the partnership’s trainers booked, \"Neglect 101\" first.",
     "On track", "Amber", None],
    ["2. Leadership and Accountability"],
    [("num", 3), "Leaders should receive quarterly audit reports.", "Report audits",
     "Chair", ("date", "2024-06-30"), "Done in April.", "Completed", "B", None],
    ["Information Sharing"],
    ["4a", "Agencies must share chronologies within five days.", "Agree a protocol", "ICB lead",
     "TBC", None, "Not started", "R", None],
    [("num", 5), "Await the national review of information sharing.", None, None, None,
     "Waiting for the Department's guidance.", "Awaiting guidance", None, None],
])]

# The seed's Word table pasted into Excel: one column holds deadlines and leads, refs merged down
# over their continuation rows, Plan and Chapters sheets, the 1900 date system.
WORD_TABLE = [
    ("Actions", [
        ["Recommendation No", "Recommendation", "Government Response", "Government Deadline",
         "Local Response", "Agency Deadline/ Agency Lead", "Status"],
        [("merge", "Chapter 1 – Progress", 7)],
        [("num", 1), "The Secretary of State should report annually.", "Agreed.",
         "April 2010", "SSCB to review its annual report.", "SSCB\nJune 2009", "In progress"],
        [None, None, None, None, "The first report goes to the Board in July.",
         "July 2009", None],
        [("num", 2), "Directors should be trained:\n• in safeguarding\n• in leadership", None,
         "September 2009\nMarch 2010", "Training is commissioned.", "July 2009\nDecember 2009",
         "Done"],
        [("merge", "Chapter 2 – Leadership and Accountability", 7)],
        [("num", 3), "Children's Trusts must agree their plans.", None, None,
         "See recommendation 2", None, "Awaiting national"],
    ]),
    ("Plan", [
        ["Field", "Value"],
        ["Title", "Laming response (from the Word table)"],
        ["Authority", "Sunderland Safeguarding Children Board"],
        ["Version", "v1.5"],
        ["As of", ("date", "2009-07-07")],
        ["Amber days", ("num", 45)],
        ["Source", "Action plan v1.5, Word table pasted into Excel"],
    ]),
    ("Chapters", [
        ["Number", "Title", "Key points", "Local position"],
        [("num", 1), "Progress", "Every Child Matters\nTraining and workforce",
         "ECM embedded in Sunderland"],
        [("num", 2), "Leadership and Accountability", "Leadership", None],
    ]),
]

# The 1904 date system (a workbook first made on a Mac): the same days as in 1900.
DATES_1904 = [
    ("Actions", [
        ["Ref", "Recommendation", "Deadline", "Lead", "Status", "RAG"],
        ["R1", "Review the policy.", ("date", "2010-03-31"), "LSCB", "In progress", "Green"],
        ["R2", "Train the staff.", ("date", "2009-12-01"), "PCT", "In progress", "A"],
    ]),
    ("Plan", [
        ["Title", "Dates in the 1904 system"],
        ["Authority", "A council"],
        ["Version", "1"],
        ["As of", ("date", "2009-11-15")],
    ]),
]

# 1.10 typed into a number cell: Excel (and LibreOffice) keep 1.1.
LOST_FRACTION = [("Actions", [
    ["Ref", "Recommendation", "Status"],
    [("num", 1.9), "Ninth.", "In progress"],
    [("num", 1.1), "Tenth, typed 1.10.", "In progress"],
])]

# The Deadline header typed "Deadlnie": rows with an action or a lead and no deadline. The first
# problem must be the header, with the suggestion; each row's is at its Action or Lead cell.
MISSPELT_DEADLINE = [("Actions", [
    ["Ref", "Recommendation", "Action", "Progress", "Status", "RAG", "Lead", "Comments",
     "Deadlnie"],
    [("merge", "Chapter 1: Governance", 9)],
    [("num", 1), "The partnership should review its escalation policy.",
     "Review the escalation policy", "Draft written.", "In progress", "G", None, None,
     ("date", "2024-03-31")],
    [("num", 2), "Multi-agency training on neglect must reach all frontline staff.",
     "Deliver the training", None, "On track", "A", None, None, "Ongoing"],
    [("num", 3), "Leaders should receive quarterly audit reports.", None, "Done in April.",
     "Completed", "B", "Chair", None, ("date", "2024-06-30")],
    [("num", 4), "Await the national review of information sharing.", None, None,
     "Awaiting guidance", None, None, None, None],
])]

FIXTURES = {
    "council": (COUNCIL, False),
    "word-table": (WORD_TABLE, False),
    "dates-1904": (DATES_1904, True),
    "lost-fraction": (LOST_FRACTION, False),
    "misspelt-deadline": (MISSPELT_DEADLINE, False),
}

# The council plan saved by LibreOffice in formats that are not plans (other-formats/): its own
# OpenDocument spreadsheet (.ods), Excel 97-2003 (.xls) and PDF. The program names each, whatever
# the file is called (tests/unit/test_spreadsheet.cpp, tests/spreadsheet/test_cli.sh).
OTHER_FORMATS = [("ods", "council.ods"), ("xls:MS Excel 97", "council.xls"),
                 ("pdf:calc_pdf_Export", "council.pdf")]


# Excel's lock file: written beside a workbook while Excel has it open (165 bytes: the user's
# name as a counted byte string and as counted UTF-16, padded).
def excel_lock_file(user="Jo Bloggs"):
    ascii_part = bytes([len(user)]) + user.encode("ascii")
    ascii_part += b" " * (54 - len(ascii_part))
    utf16 = len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    data = ascii_part + utf16
    return data + b"\x20\x00" * ((165 - len(data)) // 2) + b"\x00" * ((165 - len(data)) % 2)


def main():
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make_fixtures: no soffice (apt-get install libreoffice-calc-nogui)")
    SOURCES.mkdir(exist_ok=True)
    for name, (sheets, date1904) in FIXTURES.items():
        (SOURCES / f"{name}.fods").write_text(fods(sheets, date1904), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        base = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to"]
        sources = [str(SOURCES / f"{name}.fods") for name in FIXTURES]
        subprocess.run(base + ["xlsx", "--outdir", out] + sources, check=True,
                       stdout=subprocess.DEVNULL)
        for name in FIXTURES:
            shutil.copy(pathlib.Path(out) / f"{name}.xlsx", HERE / f"{name}.xlsx")
        # Excel's plain "CSV (Comma delimited)": Windows-1252 (LibreOffice's character set 1 is
        # MS_1252; 76 is UTF-8); and a semicolon CSV in UTF-8, as European Excel writes it.
        council = str(SOURCES / "council.fods")
        for options, target in [('csv:Text - txt - csv (StarCalc):44,34,1', "council-1252.csv"),
                                ('csv:Text - txt - csv (StarCalc):59,34,76', "council-semicolon.csv")]:
            subprocess.run(base + [options, "--outdir", out, council], check=True,
                           stdout=subprocess.DEVNULL)
            shutil.copy(pathlib.Path(out) / "council.csv", HERE / target)
        other = HERE / "other-formats"
        other.mkdir(exist_ok=True)
        for options, target in OTHER_FORMATS:
            subprocess.run(base + [options, "--outdir", out, council], check=True,
                           stdout=subprocess.DEVNULL)
            shutil.copy(pathlib.Path(out) / target, other / target)
    (HERE / "~$council.xlsx").write_bytes(excel_lock_file())
    print("make_fixtures: wrote", ", ".join(sorted(p.name for p in HERE.iterdir() if p.is_file())))


if __name__ == "__main__":
    main()
