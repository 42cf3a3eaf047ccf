#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""Fills the template workbook as a person would: Danish labels picked from the drop-down lists
(the template's own 'Lister' sheet), dates typed as dates or as Danish text, CPR numbers as text.
The first five rows are valid cases of each kind; the rows after them pick every entry of every
list once, so each list entry is read back.

Usage: fill_template.py TEMPLATE OUTPUT
"""
import datetime
import sys

import openpyxl

ROWS = 60


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    sheet = book["Sager"]
    headers = [c.value for c in sheet[1]]
    column = {name: i + 1 for i, name in enumerate(headers)}
    lister = book["Lister"]
    lists = {}
    for col in lister.iter_cols(values_only=True):
        lists[col[0]] = [v for v in col[1:] if v is not None]

    def put(row, name, value):
        sheet.cell(row=row, column=column[name], value=value)

    valid = [
        # Sagsnr, Sagstype, Rolle, Hovedsag, Modtaget, Afsluttet, Indsats, Tema, CPR, Løsning
        ("2024-001", "Klage", "Hovedsag", None, datetime.datetime(2024, 1, 25), "26-02-2024",
         "Møde med borger og forvaltning", "Manglende svar", "0101585000", "Kritik"),
        ("2024-002", "Klage", "Følgesag", "2024-001", datetime.date(2024, 1, 26), None,
         "Dialogbaseret hjælp til klageproces", "Partshøring", "0101585000", None),
        ("2024-003", "Anden henvendelse", "Hovedsag", None, "3.2.2024", "04-02-2024",
         "Vejledning", "Råd og vejledning", "211062-5629", None),
        ("2024-004", "Medarbejderhenvendelse", "Hovedsag", None, "5/2/2024", None,
         "Rådgivning", "Sagsforløb (retssikkerhedsloven)", None, None),
        ("2024-005", "Tilsynssag", "Hovedsag", None, datetime.datetime(2024, 2, 6), None,
         "Undersøgt", "Begrundelse", "cvr:12345678", None),
    ]
    for i, (case, kind, role, main, received, closed, action, theme, cpr, resolution) in enumerate(
            valid):
        row = i + 2
        put(row, "Sagsnr", case)
        put(row, "Sagstype", kind)
        put(row, "Rolle", role)
        put(row, "Hovedsag", main)
        put(row, "Modtaget", received)
        put(row, "Afsluttet", closed)
        put(row, "Indsats", action)
        put(row, "Tema", theme)
        put(row, "CPR", cpr)
        put(row, "Løsning", resolution)
        put(row, "Kanal", "Telefon")
    put(6, "Oprindelse", "Egen drift")
    put(2, "Note", 'Borgeren sagde: "det går for langsomt"; ønsker svar\nsnarest')
    put(3, "Note", "- ring tilbage i morgen")
    put(4, "Lovhenvisning", "§ 19, stk. 1")
    put(4, "KLE", "32.18.08 G01")

    # Every entry of every list, row by row, beside a case that needs no more to be read.
    coded = [name for name in headers if name in lists]
    for k in range(ROWS):
        row = len(valid) + 2 + k
        put(row, "Sagsnr", "L-%03d" % k)
        if k % 2:
            # Typed into the date column in Excel: a date cell with the column's format.
            put(row, "Modtaget", datetime.date(2024, 3, 1) + datetime.timedelta(days=k))
            sheet.cell(row=row, column=column["Modtaget"]).number_format = "dd-mm-yyyy"
        else:
            put(row, "Modtaget", "%d-3-2024" % (k % 28 + 1))
        for name in coded:
            entries = lists[name]
            put(row, name, entries[k % len(entries)])
    book.save(sys.argv[2])


if __name__ == "__main__":
    main()
