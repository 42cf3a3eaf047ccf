#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""Writes the workbooks the xlsx reader's tests read: some by openpyxl (as Python programs write
them), some part by part (what Excel and LibreOffice write that openpyxl does not: inline and rich
strings, escapes, 1904 dates, namespace prefixes), and broken or hostile ones.

Usage: make_workbooks.py OUTDIR
"""
import datetime
import os
import sys
import zipfile

import openpyxl

HEADER = ["Sagsnr", "Sagstype", "Rolle", "Modtaget", "Indsats", "Tema", "CPR", "Note"]


def typed_cells(path):
    """Each kind of cell openpyxl writes: text, numbers, dates by built-in and custom formats,
    date-times, booleans, a formula without a cached value."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sager"
    sheet.append(HEADER)
    sheet.append(["K1", "Klage", "Hovedsag", datetime.date(2024, 1, 25), "Møde med borger og forvaltning",
                  "Manglende svar", "0101585000", "tekst"])
    sheet.append([1002, "klage", "hovedsag", datetime.datetime(2024, 2, 29, 13, 45), "meeting",
                  "no_reply", 101585000, 12.5])
    sheet.append(["K3", "Klage", "Hovedsag", "25-01-2024", "meeting", "no_reply", None, True])
    sheet.append([None, None, None, None, None, None, None, None])  # a blank row is skipped
    sheet.append(["K5", "Klage", "Hovedsag", datetime.date(2023, 12, 31), "meeting", "no_reply",
                  None, "=1+1"])
    sheet["D2"].number_format = "DD-MM-YYYY"
    sheet["D4"].number_format = "@"
    sheet["D6"].number_format = "[$-406]d. mmmm yyyy;@"
    book.save(path)


def several_sheets(path):
    book = openpyxl.Workbook()
    lists = book.active
    lists.title = "Lister"
    lists.append(["not", "a", "case", "file"])
    lists.sheet_state = "hidden"
    other = book.create_sheet("Oversigt")
    other.append(["Sagsnr", "Sagstype", "Rolle", "Modtaget", "Indsats"])
    other.append(["O1", "Klage", "Hovedsag", datetime.date(2024, 3, 1), "meeting"])
    cases = book.create_sheet("Sager 2024")
    cases.append(["Sagsnr", "Sagstype", "Rolle", "Modtaget", "Indsats"])
    cases.append(["S1", "Klage", "Hovedsag", datetime.date(2024, 3, 2), "meeting"])
    cases.append(["S2", "Klage", "Hovedsag", datetime.date(2024, 3, 3), "meeting"])
    book.save(path)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
BOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""


def parts_workbook(path, sheet_xml, shared_xml="", date1904=False, book_prefix=""):
    """A workbook written part by part, as Excel writes it (prefix: a namespace prefix)."""
    p = book_prefix + ":" if book_prefix else ""
    ns = ('xmlns:%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % book_prefix
          if book_prefix else 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><%sworkbook %s '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<%sworkbookPr date1904="%s"/><%ssheets><%ssheet name="Ark1" sheetId="1" r:id="rId1"/>'
                '</%ssheets></%sworkbook>') % (p, ns, p, "1" if date1904 else "0", p, p, p, p)
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet '
              'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/></numFmts>'
              '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>'
              '</styleSheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", shared_xml or
                   '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


def sheet(rows, prefix=""):
    p = prefix + ":" if prefix else ""
    ns = ('xmlns:%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % prefix
          if prefix else 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    return ('<?xml version="1.0" encoding="UTF-8"?><%sworksheet %s><%ssheetData>%s</%ssheetData>'
            '</%sworksheet>') % (p, ns, p, rows.replace("<", "<" + p).replace("<" + p + "/", "</" + p), p, p)


def excel_strings(path):
    """Inline strings, rich text with a phonetic run, escapes, cells without references, a 't="d"'
    cell, dates by a custom and a built-in format, and a namespace prefix on every element."""
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<si><t>Sagsnr</t></si><si><t>Sagstype</t></si><si><t>Rolle</t></si>'
              '<si><t>Modtaget</t></si><si><t>Indsats</t></si><si><t>Note</t></si>'
              '<si><r><t>Kla</t></r><r><rPr><b/></rPr><t>ge</t></r><rPh><t>X</t></rPh></si>'
              '<si><t xml:space="preserve">to_x000D_\nlinjer _x005F_x0041_</t></si>'
              '</sst>')
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
            '<c r="F1" t="s"><v>5</v></c></row>'
            '<row r="3"><c t="inlineStr"><is><t>E1</t></is></c><c t="s"><v>6</v></c>'
            '<c t="inlineStr"><is><r><t>Hoved</t></r><r><t>sag</t></r></is></c>'
            '<c s="1"><v>45316</v></c><c t="str"><f>"meeting"</f><v>meeting</v></c>'
            '<c t="s"><v>7</v></c></row>'
            '<row r="4"><c r="A4" t="inlineStr"><is><t>E2</t></is></c><c r="B4" t="inlineStr"><is><t>Klage</t></is></c>'
            '<c r="C4" t="inlineStr"><is><t>Hovedsag</t></is></c><c r="D4" t="d"><v>2024-01-26T00:00:00</v></c>'
            '<c r="E4" t="inlineStr"><is><t>meeting</t></is></c><c r="F4" t="b"><v>1</v></c></row>'
            '<row r="5"><c r="A5" t="inlineStr"><is><t>E3</t></is></c><c r="B5" t="inlineStr"><is><t>Klage</t></is></c>'
            '<c r="C5" t="inlineStr"><is><t>Hovedsag</t></is></c><c r="D5" s="2"><v>45317.5</v></c>'
            '<c r="E5" t="inlineStr"><is><t>meeting</t></is></c><c r="F5" t="e"><v>#N/A</v></c>'
            '<c r="H5" t="inlineStr"><is><t>for meget</t></is></c></row>')
    parts_workbook(path, sheet(rows, "x"), shared, book_prefix="x")


def inline_row(number, values):
    """A row of inline strings; a number value is a date cell (style 1)."""
    cells = ""
    for i, value in enumerate(values):
        ref = "%s%d" % (chr(ord("A") + i), number)
        if isinstance(value, int):
            cells += '<c r="%s" s="1"><v>%d</v></c>' % (ref, value)
        else:
            cells += '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, value)
    return '<row r="%d">%s</row>' % (number, cells)


REQUIRED = ["case_id", "kind", "role", "received", "action"]


def dates_1904(path):
    rows = inline_row(1, REQUIRED) + inline_row(2, ["D1", "Klage", "Hovedsag", 43854, "meeting"])
    parts_workbook(path, sheet(rows), date1904=True)


def bomb(path):
    """A sheet of 300 MB of blanks packed into a few hundred kilobytes: a zip bomb."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>case_id</t></is></c></row>'
    xml = sheet(rows)
    padding = " " * (300 * 1024 * 1024)
    parts_workbook(path, xml.replace("<sheetData>", "<sheetData>" + padding, 1))


def many_strings(path):
    items = "".join("<si><t>s%d</t></si>" % i for i in range(2000))
    shared = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % items
    parts_workbook(path, sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared)


def far_cell(path):
    """A cell far beyond Excel's last row and column."""
    rows = inline_row(1, REQUIRED) + inline_row(2000000, ["x"])
    parts_workbook(path, sheet(rows))


def entity(path):
    """A sheet declaring entities (the billion laughs): refused, never expanded."""
    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    parts_workbook(path, xml)


def not_workbooks(out):
    with zipfile.ZipFile(os.path.join(out, "spreadsheet.ods"), "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with zipfile.ZipFile(os.path.join(out, "archive.zip"), "w") as z:
        z.writestr("readme.txt", "hello")
    with open(os.path.join(out, "types.xlsx"), "rb") as whole:
        data = whole.read()
    with open(os.path.join(out, "damaged.xlsx"), "wb") as cut:
        cut.write(data[: len(data) // 2])
    with open(os.path.join(out, "old.xls"), "wb") as old:
        old.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    typed_cells(os.path.join(out, "types.xlsx"))
    several_sheets(os.path.join(out, "sheets.xlsx"))
    excel_strings(os.path.join(out, "excel_strings.xlsx"))
    dates_1904(os.path.join(out, "dates_1904.xlsx"))
    bomb(os.path.join(out, "bomb.xlsx"))
    many_strings(os.path.join(out, "many_strings.xlsx"))
    far_cell(os.path.join(out, "far_cell.xlsx"))
    entity(os.path.join(out, "entity.xlsx"))
    not_workbooks(out)


if __name__ == "__main__":
    main()
