#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""Checks a workbook ombuds wrote as another program sees it (openpyxl, and the zip's own parts):
exit status 0 when it holds what it should, else 1 with what is wrong.

Usage: check_workbook.py wrapper|template FILE
"""
import sys
import zipfile

import openpyxl


def fail(message):
    print(message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def validations(sheet):
    return [(str(v.sqref), v.type, v.formula1) for v in sheet.data_validations.dataValidation]


def wrapper(path):
    book = openpyxl.load_workbook(path)
    check(book.sheetnames == ["Tal", "Lister"], "sheets: %s" % book.sheetnames)
    check(book["Lister"].sheet_state == "hidden", "Lister is not hidden")
    sheet = book["Tal"]
    check(sheet["A1"].value == "Tema" and sheet["A1"].font.b, "header A1: %r" % sheet["A1"].value)
    check(sheet["B2"].value == 1234 and sheet["B2"].number_format == "#,##0",
          "B2: %r %r" % (sheet["B2"].value, sheet["B2"].number_format))
    check(abs(sheet["C2"].value - 0.125) < 1e-9 and sheet["C2"].number_format == "0.0%",
          "C2: %r %r" % (sheet["C2"].value, sheet["C2"].number_format))
    check(sheet["D2"].number_format == "#,##0.0", "D2: %r" % sheet["D2"].number_format)
    check(sheet["E2"].is_date and sheet["E2"].number_format == "dd-mm-yyyy",
          "E2: %r %r" % (sheet["E2"].value, sheet["E2"].number_format))
    check(str(sheet["E2"].value.date()) == "2024-01-25", "E2 date: %r" % sheet["E2"].value)
    check(sheet["A4"].value == "'=cmd|' /C calc'!A0", "A4 unprotected: %r" % sheet["A4"].value)
    found = validations(sheet)
    check(("F2:F100", "list", "'Lister'!$A$2:$A$4") in found, "validations: %s" % found)
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        check(len(charts) == 1, "charts: %s" % charts)
        chart = z.read(charts[0]).decode()
        check("<c:barChart>" in chart and '<c:barDir val="bar"/>' in chart, "no bar chart")
        check("'Tal'!$B$2:$B$4" in chart and "'Tal'!$A$2:$A$4" in chart, "chart ranges")


def template(path):
    book = openpyxl.load_workbook(path)
    check(book.sheetnames[0] == "Sager", "first sheet: %s" % book.sheetnames)
    check("Vejledning" in book.sheetnames, "no instructions: %s" % book.sheetnames)
    check(book["Lister"].sheet_state == "hidden", "Lister is not hidden")
    cases = book["Sager"]
    headers = [c.value for c in cases[1]]
    check(headers[:5] == ["Sagsnr", "Henvendelse", "CPR", "Sagstype", "Rolle"],
          "headers: %s" % headers)
    found = validations(cases)
    lists = {ref.split(":")[0]: formula for ref, kind, formula in found if kind == "list"}
    dates = [ref for ref, kind, formula in found if kind == "date"]
    column = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(headers)}
    for coded in ["Sagstype", "Rolle", "Enhed", "Tema", "Indsats", "Løsning", "Kanal"]:
        check(column[coded] + "2" in lists, "no list on %s: %s" % (coded, lists))
    for dated in ["Modtaget", "Afsluttet"]:
        check(any(ref.startswith(column[dated] + "2") for ref in dates), "no date check on " + dated)
    check(cases.column_dimensions[column["CPR"]].number_format == "@", "CPR column not text")
    check(cases.column_dimensions[column["Modtaget"]].number_format == "dd-mm-yyyy",
          "Modtaget not a date column")
    lister = book["Lister"]
    kinds = [c.value for c in lister["A"] if c.value is not None][1:]
    check(kinds == ["Klage", "Anden henvendelse", "Tilsynssag", "Medarbejderhenvendelse"],
          "kinds: %s" % kinds)
    words = " ".join(str(c.value) for row in book["Vejledning"].iter_rows() for c in row if c.value)
    check("Sådan udfyldes" in words and "CPR" in words, "instructions: %s" % words[:200])


if __name__ == "__main__":
    {"wrapper": wrapper, "template": template}[sys.argv[1]](sys.argv[2])
    print("ok")
