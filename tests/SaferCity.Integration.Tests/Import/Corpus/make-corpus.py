#!/usr/bin/python3
"""Makes the import corpus: trackers in the shapes partnerships keep, written by python-docx and openpyxl
(Debian's python3-docx and python3-openpyxl), not by the Open XML SDK the reader uses, so that a misunderstanding
shared by writer and reader cannot pass. Run from this folder: /usr/bin/python3 make-corpus.py

Every file holds the same eight actions (two themes), so every accepted file gives the same figures on
2017-01-16 (see expected.json); the confidential ones hide 2.4. Each file is small and committed.
"""
import csv
import zipfile

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import PatternFill

THEMES = {"1": "1. Violence Against the Person", "2": "2. Anti-social Behaviour"}

# number, key action, deadline, lead, rag, comments. 1.1 and 2.3 are complete; 2.4 is the confidential one.
ACTIONS = [
    ("1.1", "Establish a city-wide violence reduction strategy", "December 2016", "Community Safety Team", "G",
     "Complete – the strategy was adopted in December"),
    ("1.2", "Design training for licensed premises staff", "January 2017", "Police", "G", "Sessions booked"),
    ("1.3", "Review CCTV coverage of the city centre", "November 2016", "Police", "A", "Survey started"),
    ("1.4", "Plan the night-time economy summer campaign", "March 2017", "Licensing", "G", "On track"),
    ("2.1", "Review every open ASB case over six months old", "October 2016", "ASB Team", "R", "Behind: staff shortage"),
    ("2.2", "Extend youth diversion to two more wards", "February 2017", "Youth Service", "A", "Funding bid in"),
    ("2.3", "Consult on a street drinking order", "December 2016", "Licensing", "B", "Order made"),
    ("2.4", "Operation Nightjar covert surveillance of dealers", "January 2017", "Police", "R", "Warrants pending"),
]

SECRET = "Operation Nightjar"


def rag_word(rag):
    return {"G": "Green", "A": "Amber", "R": "Red", "B": "Blue"}[rag]


def rag_or_complete(a):
    """Plain RAG trackers (no Blue) show a complete action as a blank RAG with a comment starting 'Complete'."""
    number, text, deadline, lead, rag, comments = a
    if rag == "B":
        return "", "Complete – " + comments
    return rag, comments


def shade(cell, hex_colour):
    properties = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour)
    properties.append(shd)


def merged_row(table, text):
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text


def add_row(table, values):
    cells = table.add_row().cells
    for cell, value in zip(cells, values):
        cell.text = value
    return cells


def seed_pdf_to_word():
    """One table per theme, the number opening the key-action cell, heading and theme rows repeated where a page
    broke, and a continuation row carrying the rest of a comment."""
    doc = Document()
    doc.add_paragraph("Safer City Partnership – action plan 2016/17")
    headings = ["Key Action", "Delivery Deadline", "Responsibility/ Lead Service", "RAG", "Comments"]
    for theme in "12":
        table = doc.add_table(rows=1, cols=5)
        for cell, text in zip(table.rows[0].cells, headings):
            cell.text = text
        merged_row(table, THEMES[theme])
        for i, a in enumerate(x for x in ACTIONS if x[0].startswith(theme)):
            rag, comments = rag_or_complete(a)
            if a[0] == "1.3":
                add_row(table, [f"{a[0]} {a[1]}", a[2], a[3], rag, comments])
                add_row(table, ["", "", "", "", "and quotes requested from two suppliers"])
                continue
            add_row(table, [f"{a[0]} {a[1]}", a[2], a[3], rag, comments])
            if i == 1:  # a page break: the heading row and the theme row again
                add_row(table, headings)
                merged_row(table, THEMES[theme])
        doc.add_paragraph("")
    doc.save("seed-pdf-to-word.docx")


def themes_under_headings():
    """A RAG key table first, then one table per theme under a heading paragraph."""
    doc = Document()
    doc.add_heading("Community safety action plan", level=1)
    key = doc.add_table(rows=0, cols=2)
    for word, meaning in [("Red", "Off track"), ("Amber", "At risk"), ("Green", "On track")]:
        add_row(key, [word, meaning])
    for theme in "12":
        doc.add_heading(THEMES[theme], level=2)
        table = doc.add_table(rows=1, cols=6)
        for cell, text in zip(table.rows[0].cells, ["No.", "Action", "Deadline", "Lead", "RAG status", "Comments"]):
            cell.text = text
        for a in (x for x in ACTIONS if x[0].startswith(theme)):
            rag, comments = rag_or_complete(a)
            add_row(table, [a[0], a[1], a[2], a[3], rag, comments])
    doc.save("themes-under-headings.docx")


def confidential_docx():
    """A Confidential column: 2.4 is a police operation that must never be published."""
    doc = Document()
    table = doc.add_table(rows=1, cols=8)
    for cell, text in zip(table.rows[0].cells,
                          ["Ref", "Theme", "Action", "Target date", "Lead officer/service", "RAG", "Progress", "Confidential"]):
        cell.text = text
    for a in ACTIONS:
        rag, comments = rag_or_complete(a)
        add_row(table, [a[0], THEMES[a[0][0]], a[1], a[2], a[3], rag, comments, "Y" if a[0] == "2.4" else ""])
    doc.save("confidential.docx")


def hidden_rows_docx():
    """Hidden content in Word, which a printed copy leaves out and so must never be published: a row marked hidden
    (w:trPr/w:hidden), a row all of whose text is hidden (Font > Hidden, w:vanish), a row hidden through a character
    style, and hidden text inside 1.2's comment. Each hidden row is a red, overdue action: read, it would change the figures."""
    from docx.enum.style import WD_STYLE_TYPE
    doc = Document()
    note = doc.styles.add_style("Hidden Note", WD_STYLE_TYPE.CHARACTER)
    note.font.hidden = True
    table = doc.add_table(rows=1, cols=7)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Theme", "Action", "Target date", "Lead officer/service", "RAG", "Progress"]):
        cell.text = text
    withdrawn = ["9.7", THEMES["2"], "Withdrawn: a styled-hidden action", "March 2016", "Police", "R", "Withdrawn"]
    for a in ACTIONS:
        rag, comments = rag_or_complete(a)
        cells = add_row(table, [a[0], THEMES[a[0][0]], a[1], a[2], a[3], rag, comments])
        if a[0] == "1.2":
            cells[6].paragraphs[0].add_run(" Source: informant Kestrel").font.hidden = True
        if a[0] == "1.3":
            marked = add_row(table, ["9.8", THEMES["1"], "Withdrawn: a row marked hidden", "March 2016", "Police", "R", "Withdrawn"])
            marked[0]._tc.getparent().get_or_add_trPr().append(OxmlElement("w:hidden"))
        if a[0] == "2.1":
            for cell, value in zip(table.add_row().cells, ["9.9", THEMES["2"], "Operation Kestrel: hidden text", "March 2016", "Police", "R", "Covert"]):
                cell.paragraphs[0].add_run(value).font.hidden = True
        if a[0] == "2.2":
            for cell, value in zip(table.add_row().cells, withdrawn):
                cell.paragraphs[0].add_run(value, style="Hidden Note")
    doc.save("hidden-rows.docx")


def refused_no_lead():
    """No column a lead can be read from ('Person' is not a heading word): refused, nothing written."""
    doc = Document()
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Target date", "Person", "RAG"]):
        cell.text = text
    for a in ACTIONS:
        rag, _ = rag_or_complete(a)
        add_row(table, [a[0], a[1], a[2], a[3], rag])
    doc.save("refused-no-lead.docx")


def sheet(wb, title, headings, rows, first=False):
    ws = wb.active if first else wb.create_sheet(title)
    ws.title = title
    ws.append(headings)
    for row in rows:
        ws.append(row)
    return ws


def council_sheet(wb):
    """The headings councils use, the theme in an 'Objective' column, on the workbook's first sheet."""
    rows = []
    for a in ACTIONS:
        rag, comments = rag_or_complete(a)
        rows.append([a[0], THEMES[a[0][0]], a[1], a[2], a[3], rag_word(rag) if rag else "", comments])
    sheet(wb, "Action plan", ["Ref", "Objective", "Action", "Target date", "Lead officer/service", "Status (RAG)", "Progress update"], rows, first=True)


def council_headings():
    wb = Workbook()
    council_sheet(wb)
    wb.save("council-headings.xlsx")


def brag():
    """BRAG: Blue means complete (1.1 and 2.3). The theme in a 'Workstream' column."""
    wb = Workbook()
    rows = []
    for a in ACTIONS:
        rag = "B" if a[0] in ("1.1", "2.3") else a[4]
        rows.append([a[0], THEMES[a[0][0]], a[1], a[2], a[3], rag_word(rag), a[5]])
    sheet(wb, "BRAG", ["Action No", "Workstream", "Description", "Due", "Owner", "BRAG", "Notes"], rows, first=True)
    wb.save("brag.xlsx")


def colour_only():
    """The RAG column kept as cell colour only; the complete actions are shaded grey (grey alone is not complete:
    their comments say Complete)."""
    fills = {"G": "FF00B050", "A": "FFFFC000", "R": "FFFF0000", "": "FFBFBFBF"}
    wb = Workbook()
    ws = sheet(wb, "Tracker", ["No", "Theme", "Key action", "Deadline", "Lead", "RAG", "Comments"], [], first=True)
    for a in ACTIONS:
        rag, comments = rag_or_complete(a)
        ws.append([a[0], THEMES[a[0][0]], a[1], a[2], a[3], None, comments])
        ws.cell(row=ws.max_row, column=6).fill = PatternFill("solid", fgColor=fills[rag])
    wb.save("colour-only.xlsx")


def status_holds_rag():
    """No RAG column: the Status column holds the RAG words, and Complete/Closed for done."""
    wb = Workbook()
    rows = []
    for a in ACTIONS:
        status = {"1.1": "Complete", "2.3": "Closed"}.get(a[0], rag_word(a[4]))
        rows.append([a[0], THEMES[a[0][0]], a[1], a[2], a[3], status, a[5]])
    sheet(wb, "Plan", ["ID", "Priority", "Task", "Timescale", "Responsibility", "Status", "Commentary"], rows, first=True)
    wb.save("status-holds-rag.xlsx")


def typed_deadlines():
    """Deadlines as people type them, and one real date cell shown as 'Jan-17' (the month, read as displayed)."""
    typed = {"1.1": "Q3 2016/17", "1.2": None, "1.3": "30/11/16", "1.4": "Ongoing", "2.1": "Oct-16",
             "2.2": "w/c 20 February 2017", "2.3": "31.12.16", "2.4": "31/01/17"}
    wb = Workbook()
    ws = sheet(wb, "Tracker", ["No.", "Theme", "Key action", "Completion date", "Lead", "RAG rating", "Comments"], [], first=True)
    import datetime
    for a in ACTIONS:
        rag, comments = rag_or_complete(a)
        ws.append([a[0], THEMES[a[0][0]], a[1], typed[a[0]] or datetime.datetime(2017, 1, 1), a[3], rag, comments])
        if typed[a[0]] is None:
            ws.cell(row=ws.max_row, column=4).number_format = "mmm-yy"
    wb.save("typed-deadlines.xlsx")


def hidden_sheet():
    """Last year's plan on a hidden sheet before this year's; a hidden column and a hidden row on this year's."""
    wb = Workbook()
    old = sheet(wb, "2015-16", ["No", "Theme", "Key action", "Deadline", "Lead", "RAG", "Comments"],
                [[a[0], THEMES[a[0][0]], "Last year: " + a[1], "March 2016", a[3], "R", "Not done"] for a in ACTIONS], first=True)
    old.sheet_state = "hidden"
    rows = []
    for a in ACTIONS:
        rag, comments = rag_or_complete(a)
        rows.append([a[0], THEMES[a[0][0]], a[1], a[2], a[3], "R", rag, comments])
    rows.insert(4, ["9.9", THEMES["2"], "A withdrawn action", "March 2016", "Police", "R", "R", "Withdrawn"])
    # The hidden column F is last year's RAG, headed "RAG" before this year's "RAG status": read, it would make every action red.
    ws = sheet(wb, "2016-17", ["No", "Theme", "Key action", "Deadline", "Lead", "RAG", "RAG status", "Comments"], rows)
    ws.column_dimensions["F"].hidden = True
    ws.row_dimensions[6].hidden = True  # the withdrawn 9.9
    wb.save("hidden-sheet.xlsx")


def refused_mostly_empty():
    """A deadline column empty in most rows: the figures could not be read, so it is refused."""
    wb = Workbook()
    rows = []
    for i, a in enumerate(ACTIONS):
        rag, comments = rag_or_complete(a)
        rows.append([a[0], THEMES[a[0][0]], a[1], a[2] if i < 3 else None, a[3], rag, comments])
    sheet(wb, "Tracker", ["No", "Theme", "Key action", "Deadline", "Lead", "RAG", "Comments"], rows, first=True)
    wb.save("refused-mostly-empty.xlsx")


def sharepoint_export():
    """SharePoint's own 'Export to CSV' of a tracker list, with its 'Hide from dashboard' column (UTF-8 with BOM)."""
    with open("sharepoint-export.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Title", "Theme", "Key Action", "Delivery Deadline", "Lead Service", "RAG", "Comments", "Status",
                    "Hide from dashboard", "Item Type", "Path"])
        for a in ACTIONS:
            rag, comments = rag_or_complete(a)
            w.writerow([a[0], THEMES[a[0][0]], a[1], a[2], a[3], rag_word(rag) if rag else "", comments, "",
                        "Yes" if a[0] == "2.4" else "No", "Item", "sites/scp/Lists/SCP Progress Monitoring"])


def inflating_workbook():
    """A small workbook whose sheet inflates to about 150 MB of XML (a runaway export, or a zip bomb)."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    # Rows without their r attribute repeat exactly, so deflate packs 150 MB into about 150 KB.
    row = '<row><c t="inlineStr"><is><t>padding padding padding padding</t></is></c></row>'
    with zipfile.ZipFile("inflating.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Tracker" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet_xml:
            sheet_xml.write(head.encode())
            chunk = (row * 1000).encode()
            size = len(head)
            while size < 150_000_000:
                sheet_xml.write(chunk)
                size += len(chunk)
            sheet_xml.write(b"</sheetData></worksheet>")


def tracker_with_leads():
    """A workbook as many partnerships keep it: the tracker on one sheet, its leads and their addresses on another.
    Imported into SharePoint, the actions go to the tracker list and the leads to the leads list."""
    wb = Workbook()
    council_sheet(wb)
    sheet(wb, "Leads", ["Lead", "Also known as", "Email"], LEADS)
    wb.save("tracker-with-leads.xlsx")


LEADS = [
    ["Community Safety Team", "CST", "cst@example.org"],
    ["Police", "Police Service; West Police", "police.lead@example.org"],
    ["Licensing", "", "licensing@example.org"],
    ["ASB Team", "Anti-social Behaviour Team", "asb@example.org"],
    ["Youth Service", "", "not an address"],
]


def leads_table():
    """A table of leads (name, aliases, email) for `import FILE --leads OUT.json`; Youth Service has no usable address."""
    wb = Workbook()
    sheet(wb, "Leads", ["Lead", "Also known as", "Email"], LEADS, first=True)
    wb.save("leads.xlsx")


if __name__ == "__main__":
    import sys
    ALL = [seed_pdf_to_word, themes_under_headings, confidential_docx, hidden_rows_docx, refused_no_lead, council_headings,
           brag, colour_only, status_holds_rag, typed_deadlines, hidden_sheet, refused_mostly_empty, sharepoint_export,
           inflating_workbook, leads_table, tracker_with_leads]
    # make-corpus.py hidden_rows_docx: only the files named (the others keep their committed bytes).
    for make in [m for m in ALL if len(sys.argv) == 1 or m.__name__ in sys.argv[1:]]:
        make()
