#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""Writes data/demo/cases.csv: two years (2024-2025) of fictional cases of "Eksempel Kommune",
as a Danish office's spreadsheet holds them: `;`, UTF-8 with BOM, CRLF, Danish labels and dates,
CPR numbers in the citizen column (fictional), some notes. Deterministic (fixed seed).

Usage: scripts/make_demo_data.py [OUTPUT]"""
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("case_id;inquiry_id;citizen;kind;role;main_case_id;received;matter_date;first_response;"
           "closed;unit;theme;action;resolution;admin_response;rejection_reason;legal_basis;"
           "legal_ref;kle;origin;channel;contact;note").split(";")

UNITS = [("BUF-FAM-MYN", "Familieafdelingen, myndighed", 9), ("BUF-FAM-HAND", "Handicapteam børn", 4),
         ("BUF-SKOLE-PPR", "PPR", 3), ("BUF-SKOLE-SKOLER", "Skoler", 3), ("BUF-SKOLE-DAG", "Dagtilbud", 2),
         ("SSF-VOKSEN-HANDICAP", "Voksenhandicap", 6), ("SSF-VOKSEN-PSYK", "Socialpsykiatri", 4),
         ("SSF-VOKSEN-BRYDE", "Brydehuset", 1), ("SSF-AELDRE-VISI", "Visitation og hjælpemidler", 6),
         ("SSF-AELDRE-HJEM", "Hjemmepleje", 4), ("BSF-JOB-SDP", "Sygedagpenge", 9),
         ("BSF-JOB-KH", "Kontanthjælp og uddannelseshjælp", 7), ("BSF-JOB-REHAB", "Ressourceforløb og fleksjob", 6),
         ("BSF-YDELSE-BS", "Borgerservice", 3), ("BSF-YDELSE-BOLIG", "Boliganvisning", 2),
         ("TMF-BYG", "Byggeri og plan", 2), ("TMF-VEJ", "Vej, park og affald", 2)]
EXTERNAL = ["Udbetaling Danmark", "Familieretshuset", "Skat", "Ankestyrelsen", "Boligselskab"]
THEMES = ["Utilfreds med afgørelsen", "Langsommelig sagsbehandling", "Manglende svar", "Manglende inddragelse",
          "Utilfreds med sagsbehandleren", "Manglende vejledning", "Manglende orientering om sagens gang",
          "Mange sagsbehandlerskift", "Partshøring", "Begrundelse", "Manglende sammenhæng og helhed",
          "Aktindsigt", "Overskridelse af sagsbehandlingsfrister", "Sprogbrug, klarhed og præcision",
          "Manglende telefonbetjening", "Undersøgelsesprincippet", "Klagevejledning", "Notatpligt",
          "Tavshedspligt og videregivelse", "Åbenhed og tillid", "Referater og aftaler", "Digital tilgængelighed",
          "Andet"]
SERVICE_THEMES = ["Råd og vejledning", "Vejvisning", "Ønsker bisidder"]
GROUPS = ["Sagsforløb (retssikkerhedsloven)", "Forvaltningsloven og offentlighedsloven", "God forvaltningsskik",
          "Afgørelsen", "Borgerbetjening"]
CHANNELS = [("Telefon", 50), ("Mail", 22), ("Digital Post", 10), ("Kontaktformular", 8), ("Personligt fremmøde", 5),
            ("Åben rådgivning", 3), ("Brev", 2)]
CONTACTS = [("Borger", 80), ("Pårørende", 12), ("Repræsentant/bisidder", 6), ("Virksomhed", 2)]
COMPLAINT_ACTIONS = [("Dialogbaseret hjælp til klageproces", 62), ("Møde med borger og forvaltning", 14),
                     ("Hjælp til at klage til klageinstans", 6), ("Hjælp til at forstå afgørelse", 6),
                     ("Mægling / genoprettet dialog", 4), ("Løst ved borgerrådgiveren", 3), ("Afvist", 5)]
INQUIRY_ACTIONS = [("Vejledning", 44), ("Vejvisning", 18), ("Videreformidling til forvaltningen", 19),
                   ("Orientering", 12), ("Bisidning / deltagelse i møde", 4), ("Afvist", 3)]
RESOLUTIONS = [("Forklaret, ingen ændring", 30), ("Dialog genoprettet", 20), ("Genoptaget af forvaltningen", 12),
               ("Ny afgørelse", 8), ("Fejl rettet", 8), ("Beklagelse", 10), ("Sendt til klageinstans", 7),
               ("Trukket tilbage", 3), ("Ikke løst", 2)]
REJECTIONS = [("Afgørelsens faglige/juridiske indhold (påklages til klageinstansen)", 30),
              ("Kan påklages til anden klageinstans (Ankestyrelsen, Nævnenes Hus, Familieretshuset)", 20),
              ("Anden myndighed (Udbetaling Danmark, Skat, regionerne …)", 18),
              ("Privatretligt forhold / ikke en kommunal opgave", 10),
              ("Forholdet ligger mere end et år tilbage", 8), ("Ansættelses- og personaleforhold", 4),
              ("Borgeren har advokat eller anden repræsentant", 4),
              ("Indbragt for Ombudsmanden, det kommunale tilsyn eller domstolene", 4), ("Anden grund", 2)]
LAWS = [("Serviceloven", "§ 83"), ("Barnets lov", "§ 32"), ("Lov om aktiv socialpolitik", "§ 11"),
        ("Sygedagpengeloven", "§ 7"), ("Forvaltningsloven", "§ 19, stk. 1"), ("Forvaltningsloven", "§ 22"),
        ("Retssikkerhedsloven", "§ 3, stk. 1"), ("Offentlighedsloven", "§ 7")]
NOTES = ["Borgeren ringede og var utilfreds med svartiden.", "Aftalt opfølgning i næste uge.",
         "Forvaltningen har lovet svar inden 14 dage.", "Borgeren ønsker et møde med afdelingslederen.",
         "Sendt videre til teamleder med borgerens samtykke.", "Borgeren har fået forklaret afgørelsen."]


def pick(rng, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights=weights)[0]


def zipf_pick(rng, items, skew=1.1):
    weights = [1 / (i + 1) ** skew for i in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def cpr_for(rng, received):
    born = dt.date(rng.randint(1935, 2006), rng.randint(1, 12), rng.randint(1, 28))
    if born.year >= 2000:
        seventh = rng.choice("4")  # 4: 2000-2036
    else:
        seventh = rng.choice("0123")
    serial = seventh + f"{rng.randint(0, 999):03d}"
    return born.strftime("%d%m%y") + "-" + serial


def dk(date):
    return date.strftime("%d-%m-%Y")


def working_day_after(date, rng, low, high):
    day = date + dt.timedelta(days=rng.randint(low, high))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def make(rng):
    rows = []
    citizens = []
    orientations = set()
    case_no = inquiry_no = 0
    start, end = dt.date(2024, 1, 2), dt.date(2025, 12, 31)
    days = (end - start).days
    # A small rise from 2024 to 2025, as most offices see.
    inquiry_dates = sorted(start + dt.timedelta(days=int(days * rng.random() ** 0.93)) for _ in range(1130))
    for received in inquiry_dates:
        while received.weekday() >= 5:
            received += dt.timedelta(days=1)
        if received > end:
            received = end - dt.timedelta(days=2)
        inquiry_no += 1
        inquiry_id = f"H-{received.year}-{inquiry_no:04d}"
        channel, contact = pick(rng, CHANNELS), pick(rng, CONTACTS)
        kind_roll = rng.random()
        if kind_roll < 0.05:  # staff hotline: no citizen, no note, a theme group only
            case_no += 1
            unit = rng.choice(UNITS)[0].split("-")[0]
            rows.append(dict(case_id=f"{received.year}-{case_no:04d}", inquiry_id=inquiry_id,
                             kind="Medarbejderhenvendelse", role="Hovedsag", received=dk(received),
                             first_response=dk(working_day_after(received, rng, 0, 2)), unit=unit,
                             theme=rng.choice(GROUPS), action=rng.choice(["Rådgivning", "Henvist"]), channel="Telefon"))
            continue
        if kind_roll < 0.07:  # an investigation, a main case with its origin
            case_no += 1
            closed = received + dt.timedelta(days=rng.randint(40, 160))
            row = dict(case_id=f"{received.year}-{case_no:04d}", inquiry_id=inquiry_id, kind="Tilsynssag",
                       role="Hovedsag", received=dk(received), unit=rng.choice(UNITS)[0], action="Undersøgt",
                       origin=rng.choice(["Konkret tilsyn", "Egen drift"]), kle="27.24.04")
            law, ref = rng.choice(LAWS)
            row.update(legal_basis=law, legal_ref=ref)
            if closed < dt.date(2025, 12, 31):
                row.update(closed=dk(closed),
                           resolution=rng.choice(["Kritik", "Henstilling/anbefaling", "Ingen kritik",
                                                  "Forbedringsforslag"]),
                           admin_response=rng.choice(["Enig", "Delvist enig", "Enig", "Uenig"]))
            if row["origin"] == "Konkret tilsyn" or rng.random() < 0.3:
                row["citizen"] = cpr_for(rng, received)
            rows.append(row)
            continue
        # A citizen: sometimes one who has been here before.
        if citizens and rng.random() < 0.18:
            citizen = rng.choice(citizens)
        else:
            citizen = cpr_for(rng, received) if rng.random() > 0.04 else ""
            if rng.random() < 0.02:
                citizen = f"cvr:{rng.randint(10000000, 99999999)}"
            if citizen:
                citizens.append(citizen)
        complaint = rng.random() < 0.62
        problems = 1 + (rng.random() < 0.3) + (rng.random() < 0.1) if citizen else 1
        main_id = None
        unit = pick(rng, [(u[0], u[2]) for u in UNITS])
        first_response = working_day_after(received, rng, 0, 5)
        closed = first_response + dt.timedelta(days=rng.randint(0, 60))
        for problem in range(problems):
            case_no += 1
            case_id = f"{received.year}-{case_no:04d}"
            row = dict(case_id=case_id, inquiry_id=inquiry_id, citizen=citizen,
                       kind="Klage" if complaint else "Anden henvendelse",
                       role="Hovedsag" if problem == 0 else "Følgesag", received=dk(received),
                       first_response=dk(first_response), unit=unit, channel=channel, contact=contact)
            if problem > 0:
                row["main_case_id"] = main_id
            else:
                main_id = case_id
            if complaint:
                action = pick(rng, COMPLAINT_ACTIONS)
                row["theme"] = zipf_pick(rng, THEMES)
            else:
                action = pick(rng, INQUIRY_ACTIONS)
                row["theme"] = zipf_pick(rng, SERVICE_THEMES + THEMES[:8], 0.9)
                if action == "Orientering":
                    key = (citizen, received.year)
                    if not citizen or key in orientations:
                        action = "Vejledning"
                    else:
                        orientations.add(key)
            row["action"] = action
            if action == "Afvist":
                reason = pick(rng, REJECTIONS)
                row["rejection_reason"] = reason
                if reason.startswith("Forholdet ligger"):
                    row["matter_date"] = dk(received - dt.timedelta(days=rng.randint(400, 1500)))
                if reason.startswith("Anden myndighed"):
                    row["unit"] = rng.choice(EXTERNAL)
                if reason == "Anden grund":
                    row["note"] = "Borgeren ønskede ikke at gå videre med sagen."
            if closed < dt.date(2025, 12, 20) or rng.random() < 0.3:
                if closed <= dt.date(2026, 1, 31):
                    row["closed"] = dk(closed)
                    if complaint:
                        row["resolution"] = "Ikke løst" if action == "Afvist" else pick(rng, RESOLUTIONS)
                        if row["resolution"] in ("Genoptaget af forvaltningen", "Ny afgørelse", "Fejl rettet"):
                            row["admin_response"] = rng.choice(["Enig", "Delvist enig"])
            if complaint and rng.random() < 0.25:
                law, ref = rng.choice(LAWS)
                row.update(legal_basis=law, legal_ref=ref)
            if rng.random() < 0.15 and "note" not in row and citizen:
                row["note"] = rng.choice(NOTES)
            rows.append(row)
    return rows


def cell(value):
    if any(c in value for c in ';"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def main():
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "demo" / "cases.csv"
    rows = make(random.Random(2024))
    lines = [";".join(COLUMNS)] + [";".join(cell(row.get(c, "")) for c in COLUMNS) for row in rows]
    output.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    print(f"{output}: {len(rows)} cases")


if __name__ == "__main__":
    main()
