# SPDX-License-Identifier: MPL-2.0
"""Valid synthetic case files for the register tests (standard library only)."""
import random

COLUMNS = ("case_id;inquiry_id;citizen;kind;role;main_case_id;received;matter_date;first_response;"
           "closed;unit;theme;action;resolution;admin_response;rejection_reason;legal_basis;"
           "legal_ref;kle;origin;channel;contact;note").split(";")

UNITS = ["BUF-FAM-MYN", "SSF-VOKSEN-HANDICAP", "SSF-AELDRE-HJEM", "BSF-JOB-SDP", "BSF-JOB-KH", "TMF-BYG"]
THEMES = ["slow_processing", "decision_dissatisfaction", "no_reply", "hearing", "caseworker_conduct",
          "duty_to_advise", "access_to_files", "other"]


def cpr(i):
    """A distinct, valid CPR number (born 1940-1999) for citizen i."""
    day, month, year = 1 + i % 28, 1 + (i // 28) % 12, 40 + (i // 336) % 60
    serial = 1000 + (i // 20160) * 7 + i % 7
    return f"{day:02d}{month:02d}{year:02d}-{serial:04d}"


def rows(count, prefix="C", seed=1, citizen_offset=0):
    """`count` valid cases: per citizen a main complaint and up to two follow-ups."""
    rng = random.Random(seed)
    out = []
    citizen = citizen_offset
    while len(out) < count:
        citizen += 1
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        received = f"2024-{month:02d}-{day:02d}"
        main_id = f"{prefix}{len(out) + 1}"
        base = dict(inquiry_id=f"{prefix}H{citizen}", citizen=cpr(citizen), kind="complaint",
                    received=received, unit=rng.choice(UNITS), theme=rng.choice(THEMES),
                    action="complaint_dialogue", channel="phone", contact="citizen",
                    note=f"Borgeren {cpr(citizen)} ringede")
        out.append(dict(base, case_id=main_id, role="main"))
        for _ in range(rng.randint(0, 2)):
            if len(out) >= count:
                break
            out.append(dict(base, case_id=f"{prefix}{len(out) + 1}", role="follow_up",
                            main_case_id=main_id, theme=rng.choice(THEMES), action="meeting"))
    return out


def write(path, case_rows, separator=";"):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(separator.join(COLUMNS) + "\n")
        for row in case_rows:
            out.write(separator.join(row.get(column, "") for column in COLUMNS) + "\n")
