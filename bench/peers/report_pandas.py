#!/usr/bin/python3
# SPDX-License-Identifier: MPL-2.0
"""The pandas peer of scripts/bench.sh: the report's canonical figures (bench/peers/README.md)
from the case file, with Debian's python3-pandas.

  report_pandas.py FILE --from D --to D --compare-from D --compare-to D
                   --organisation ORG.json --themes THEMES.json [--sep ;] [--out OUT.json]

Prints the canonical JSON (to OUT or stdout) and one line "load_s=... report_s=..." on stderr:
load is read_csv of the columns the report needs with dates parsed; report is the figures.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

COLUMNS = ["case_id", "inquiry_id", "citizen", "kind", "role", "main_case_id", "received",
           "closed", "unit", "theme", "action", "rejection_reason"]
CATEGORIES = ["kind", "role", "unit", "theme", "action", "rejection_reason"]


def load(path, sep):
    df = pd.read_csv(path, sep=sep, usecols=COLUMNS, keep_default_na=False, na_values=[""],
                     dtype={**{c: "category" for c in CATEGORIES},
                            "case_id": str, "inquiry_id": str, "citizen": str,
                            "main_case_id": str, "received": str, "closed": str})
    for column in ("received", "closed"):
        df[column] = pd.to_datetime(df[column], format="%Y-%m-%d")
    # A case without an inquiry id is its own inquiry.
    df["inquiry_id"] = df["inquiry_id"].fillna("case:" + df["case_id"])
    return df


def counts(series):
    return {str(k): int(v) for k, v in series.items() if v}


def volume(sub, closed):
    by_kind = sub.groupby(["kind", "role"], observed=True).size()
    return {
        "citizens": int(sub["citizen"].nunique(dropna=True)),
        "anonymous_cases": int((sub["citizen"].isna() & (sub["kind"] != "staff")).sum()),
        "inquiries": int(sub["inquiry_id"].nunique()),
        "cases": int(len(sub)),
        "main_cases": int((sub["role"] == "main").sum()),
        "closed": int(closed),
        "by_kind": {f"{k}.{r}": int(n) for (k, r), n in by_kind.items() if n},
    }


def median_and_p90(days):
    """The median (mean of the two middle values for an even count) and the nearest-rank 90th
    percentile (rank ceil(0.9 n), in floating point as ombuds computes it)."""
    n = len(days)
    if n == 0:
        return None, None
    days = np.sort(days)
    median = float(days[n // 2]) if n % 2 else (float(days[n // 2 - 1]) + float(days[n // 2])) / 2
    rank = max(int(np.ceil(0.9 * n)), 1)
    return median, float(days[rank - 1])


def report(df, args, organisation, themes):
    pfrom, pto = pd.Timestamp(args.from_), pd.Timestamp(args.to)
    cfrom, cto = pd.Timestamp(args.compare_from), pd.Timestamp(args.compare_to)
    cur = df[df["received"].between(pfrom, pto)]
    cmp = df[df["received"].between(cfrom, cto)]
    closed = df["closed"]
    out = {
        "period": {"from": args.from_, "to": args.to},
        "compare": {"from": args.compare_from, "to": args.compare_to},
        "volume": volume(cur, closed.between(pfrom, pto).sum()),
        "compare_volume": volume(cmp, closed.between(cfrom, cto).sum()),
        "open_at_end": int(((df["received"] <= pto) & (closed.isna() | (closed > pto))).sum()),
    }

    # Units (rolled up the tree), themes and groups count the cases other than staff.
    parents = {u["code"]: u.get("parent") for u in organisation["units"]}
    org = {}
    theme_of, group_of = {}, {}
    for g in themes["groups"]:
        group_of[g["code"]] = g["code"]
        for t in g["themes"]:
            theme_of[t["code"]] = t["code"]
    for g in themes["groups"]:  # a theme's group wins over a group of the same code
        for t in g["themes"]:
            group_of[t["code"]] = g["code"]
    theme_counts, group_counts = {}, {}
    for slot, sub in ((0, cur), (1, cmp)):
        rest = sub[sub["kind"] != "staff"]
        for unit, n in rest["unit"].value_counts(dropna=False).items():
            if not n:
                continue
            node = None if pd.isna(unit) else unit
            if node is None:
                org.setdefault("", [0, 0])[slot] += int(n)
            while node is not None:
                org.setdefault(node, [0, 0])[slot] += int(n)
                node = parents.get(node)
        for code, n in rest["theme"].value_counts().items():
            if not n:
                continue
            if code in theme_of:
                theme_counts.setdefault(theme_of[code], [0, 0])[slot] += int(n)
            group_counts.setdefault(group_of[code], [0, 0])[slot] += int(n)
    out["organisation"] = org
    out["themes"] = theme_counts
    out["theme_groups"] = group_counts

    actions = cur.groupby(["kind", "action"], observed=True).size()
    out["actions"] = {f"{k}.{a}": int(n) for (k, a), n in actions.items() if n}
    out["rejections"] = counts(cur["rejection_reason"].value_counts())

    # Follow-ups per main case received in the period, counting follow-ups in the period.
    mains = cur.loc[cur["role"] == "main", "case_id"]
    follow = cur.loc[cur["role"] == "follow_up", "main_case_id"]
    per_main = follow[follow.isin(mains)].value_counts().reindex(mains, fill_value=0)
    out["followups"] = {
        "main_cases": int(len(mains)),
        "followups": int(per_main.sum()),
        "by_followups": counts(per_main.value_counts()),
    }

    known = cur[cur["citizen"].notna()]
    per_citizen = known.groupby("citizen").agg(cases=("case_id", "size"),
                                               inquiries=("inquiry_id", "nunique"))
    out["repeat"] = {
        "citizens_by_inquiries": counts(per_citizen["inquiries"].value_counts()),
        "citizens_by_cases": counts(per_citizen["cases"].value_counts()),
        "repeat_citizens": int((per_citizen["inquiries"] > 1).sum()),
    }

    done = cur[cur["closed"].notna() & (cur["closed"] >= cur["received"])]
    days = np.minimum((done["closed"] - done["received"]).dt.days.to_numpy(), 4000)
    median, p90 = median_and_p90(days)
    out["closed_days"] = {"measured": int(len(days)), "median": median, "p90": p90}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--from", dest="from_", required=True)
    parser.add_argument("--to", required=True)
    parser.add_argument("--compare-from", required=True)
    parser.add_argument("--compare-to", required=True)
    parser.add_argument("--organisation", required=True)
    parser.add_argument("--themes", required=True)
    parser.add_argument("--sep", default=";")
    parser.add_argument("--out")
    args = parser.parse_args()
    with open(args.organisation, encoding="utf-8") as f:
        organisation = json.load(f)
    with open(args.themes, encoding="utf-8") as f:
        themes = json.load(f)

    start = time.perf_counter()
    df = load(args.file, args.sep)
    loaded = time.perf_counter()
    figures = report(df, args, organisation, themes)
    done = time.perf_counter()

    text = json.dumps(figures, sort_keys=True) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print(f"load_s={loaded - start:.3f} report_s={done - loaded:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
