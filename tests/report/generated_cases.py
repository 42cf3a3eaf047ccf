# SPDX-License-Identifier: MPL-2.0
"""A generated case file over the bundled organisation and themes, and an independent counter of
it: plain Python over the file's rows, sharing nothing with the engine but the configuration."""
import collections
import csv
import datetime
import json
import random
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
COLUMNS = ["case_id", "inquiry_id", "citizen", "kind", "role", "main_case_id", "received", "unit", "theme",
           "kle", "action", "rejection_reason", "channel", "contact"]
KLE = ["27.24.04", "27.24.10", "32.18.08", "32.18.14", "27.36.02", "15.00.05", "54.02.12"]
CHANNELS = ["phone", "email", "letter", "in_person"]
ACTIONS = {"complaint": ["complaint_dialogue", "meeting", "appeal_help", "decision_explained", "rejected"],
           "inquiry": ["guidance", "signposting", "forwarding", "rejected"], "staff": ["advice", "referred"]}
REASONS = ["decision_merits", "appeal_body", "pending_elsewhere", "outside_mandate"]


def catalogue():
    organisation = json.loads((DATA / "organisation.json").read_text(encoding="utf-8"))
    themes = json.loads((DATA / "themes.json").read_text(encoding="utf-8"))
    units = {u["code"]: u for u in organisation["units"]}
    group_of = {t["code"]: g["code"] for g in themes["groups"] for t in g["themes"]}
    return units, group_of, [g["code"] for g in themes["groups"]]


def generate(path, count=3000, seed=18):
    """Writes `count` cases received in 2024 and 2025 (complaints, other inquiries and staff
    consultations, follow-ups among them) and returns them as dicts of codes."""
    units, group_of, groups = catalogue()
    rnd = random.Random(seed)
    # Units valid throughout (a unit closed or opened on a date is refused before or after it).
    internal = [c for c, u in units.items()
                if not u.get("external") and not u.get("valid_from") and not u.get("valid_to")]
    themes = list(group_of)
    # A few large themes and a long tail of small ones, as the seeds' offices have.
    weights = [40 if t in ("deadline_exceeded", "slow_processing", "decision_dissatisfaction") else
               rnd.choice([1, 1, 2, 6, 12]) for t in themes]
    first = datetime.date(2024, 1, 1)
    days = sorted(rnd.randrange(731) for _ in range(count))
    cases, mains = [], []
    for n, day in enumerate(days):
        received = first + datetime.timedelta(days=day)
        kind = rnd.choices(["complaint", "inquiry", "staff"], [50, 40, 10])[0]
        case = {"case_id": f"G-{n + 1:05d}", "inquiry_id": f"I-{n + 1:05d}", "citizen": "", "kind": kind,
                "role": "main", "main_case_id": "", "received": received.isoformat(), "unit": rnd.choice(internal),
                "theme": "", "kle": "", "action": rnd.choice(ACTIONS[kind]), "rejection_reason": "",
                "channel": rnd.choice(CHANNELS), "contact": ""}
        if case["action"] == "rejected":
            case["rejection_reason"] = rnd.choice(REASONS)
        if kind == "staff":
            case["theme"] = rnd.choice(groups)
        else:
            case["theme"] = rnd.choices(themes, weights)[0]
            case["citizen"] = f"ref:{rnd.randrange(1200)}"
            case["contact"] = "citizen"
            if rnd.random() < 0.5:
                case["kle"] = rnd.choice(KLE)
            earlier = [m for m in mains[-40:] if m["kind"] == kind]
            if earlier and rnd.random() < 0.15:
                main = rnd.choice(earlier)
                case.update(role="follow_up", main_case_id=main["case_id"], citizen=main["citizen"],
                            inquiry_id=main["inquiry_id"])
            else:
                mains.append(case)
        cases.append(case)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(cases)
    return cases


class Counter:
    """Counts the generated cases as the report and `ombuds table` define them (domain.md)."""
    def __init__(self, cases):
        self.cases = cases
        self.units, self.group_of, _ = catalogue()

    def chain(self, code):
        """A unit and the nodes above it, the unit first."""
        out = []
        while code:
            out.append(code)
            code = self.units[code].get("parent")
        return out

    def level(self, code):
        return len(self.chain(code))

    def at_level(self, code, level):
        chain = self.chain(code)
        return chain[max(0, len(chain) - level)] if len(chain) > level else code

    def select(self, start, end, unit=None, **where):
        for case in self.cases:
            if not (str(start) <= case["received"] <= str(end)):
                continue
            if unit and unit not in self.chain(case["unit"]):
                continue
            if all(self.value(case, k) in (v if isinstance(v, (list, tuple)) else [v]) for k, v in where.items()):
                yield case

    def value(self, case, dimension):
        if dimension == "theme_group":
            return case["theme"] if case["kind"] == "staff" else self.group_of.get(case["theme"], "")
        if dimension == "area":
            return self.chain(case["unit"])[-1]
        if dimension.startswith("unit:"):
            return self.at_level(case["unit"], int(dimension[5:]))
        if dimension == "kle":
            return case["kle"][:5]
        if dimension == "month":
            return case["received"][:7]
        return case[dimension]

    def table(self, start, end, rows, cols=None, **where):
        cells = collections.Counter()
        for case in self.select(start, end, **where):
            cells[(self.value(case, rows), self.value(case, cols) if cols else None)] += 1
        return cells
