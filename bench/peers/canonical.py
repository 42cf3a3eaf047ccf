#!/usr/bin/python3
# SPDX-License-Identifier: MPL-2.0
"""The figures scripts/bench.sh compares between ombuds and its peers (bench/peers/README.md).

  canonical.py from-report REPORT.json   ombuds's report JSON -> the canonical figures (stdout)
  canonical.py compare A.json B.json     prints "equal", or the differing figures (exit 1)

Standard library only: it runs with /usr/bin/python3 on a bare machine.
"""
import json
import sys


def nonzero(pairs):
    return {str(k): v for k, v in pairs if v}


def volume(v):
    by_kind = {}
    for kind, roles in v["by_kind"].items():
        for role, key in (("main", "main"), ("follow_up", "follow_up")):
            by_kind[f"{kind}.{role}"] = roles[key]
    return {
        "citizens": v["citizens"],
        "anonymous_cases": v["anonymous_cases"],
        "inquiries": v["inquiries"],
        "cases": v["cases"],
        "main_cases": v["main_cases"],
        "closed": v["closed"],
        "by_kind": nonzero(by_kind.items()),
    }


def organisation(rows, out):
    for row in rows:
        code = row["code"] if row["code"] is not None else ""
        out[code] = [row["count"], row["compare_count"]]
        organisation(row["children"], out)
    return out


def from_report(report):
    if report.get("audience") != "advisor":
        raise SystemExit("canonical.py: only an advisor report has every count")
    followups = report["complexity"]["main_cases_by_followups"]
    repeat = report["repeat_contact"]
    by_inquiries = {str(b["inquiries"]): b["citizens"] for b in repeat["citizens_by_inquiries"]}
    closed = report["time"]["closed_days"]
    # A period's name is how the report titles it, not a figure: the peers have none.
    def period(value):
        return {k: v for k, v in value.items() if k != "name"}

    return {
        "period": period(report["period"]),
        "compare": period(report["compare"]),
        "volume": volume(report["volume"]),
        "compare_volume": volume(report["volume"]["compare"]),
        "organisation": organisation(report["organisation"], {}),
        "themes": {t["code"]: [t["count"], t["compare_count"]] for t in report["themes"]},
        "theme_groups": {g["code"]: [g["count"], g["compare_count"]]
                         for g in report["theme_groups"]},
        "actions": nonzero((f"{kind}.{a['code']}", a["count"])
                           for kind, entries in report["actions"].items() for a in entries),
        "rejections": nonzero((r["code"], r["count"]) for r in report["rejections"]),
        "followups": {
            "main_cases": sum(b["main_cases"] for b in followups),
            "followups": sum(b["followups"] * b["main_cases"] for b in followups),
            "by_followups": {str(b["followups"]): b["main_cases"] for b in followups},
        },
        "repeat": {
            "citizens_by_inquiries": by_inquiries,
            "citizens_by_cases": {str(b["cases"]): b["citizens"]
                                  for b in repeat["citizens_by_cases"]},
            "repeat_citizens": sum(n for k, n in by_inquiries.items() if int(k) > 1),
        },
        "closed_days": {"measured": closed["measured"], "median": closed["median"],
                        "p90": closed["p90"]},
        "open_at_end": report["time"]["open_at_end"],
    }


def differences(a, b, path=""):
    """Paths where two canonical documents differ; numbers compare by value (12 == 12.0)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{path}/{key}: {a.get(key, '(absent)')} != {b.get(key, '(absent)')}")
            else:
                out.extend(differences(a[key], b[key], f"{path}/{key}"))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out.extend(differences(x, y, f"{path}[{i}]"))
        return out
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        return [] if a == b else [f"{path}: {a} != {b}"]
    return [] if a == b else [f"{path}: {a} != {b}"]


def main(argv):
    if len(argv) == 3 and argv[1] == "from-report":
        with open(argv[2], encoding="utf-8") as f:
            json.dump(from_report(json.load(f)), sys.stdout, sort_keys=True)
        print()
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        with open(argv[2], encoding="utf-8") as f:
            a = json.load(f)
        with open(argv[3], encoding="utf-8") as f:
            b = json.load(f)
        diff = differences(a, b)
        if not diff:
            print("equal")
            return 0
        print(f"{len(diff)} differences:")
        for line in diff[:40]:
            print("  " + line)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
