#!/usr/bin/env python3
"""Fills practice_weeks with synthetic weekly history for the detection benchmark.

Computing two years of past weeks through the rates job costs, per week, every Consent version written since that
week (the job works back from the current index), so the benchmark inserts the history instead: for each practice
in the latest list-size publication and each of the two policies with objections, weekly new objections drawn from
Poisson(list size x 1.6e-4 x a practice effect) and active objectors at a practice-specific rate. Seeded.
Usage: weekly-history.py DB LAST_SUNDAY WEEKS
"""
import datetime, math, random, sqlite3, sys

db, last, weeks = sys.argv[1], datetime.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
random.seed(20131)
con = sqlite3.connect(db)
date = con.execute("SELECT max(extract_date) FROM list_size_imports").fetchone()[0]
practices = con.execute("SELECT ods_code, patients FROM practice_list_sizes WHERE extract_date = ? AND sex = 'ALL'", (date,)).fetchall()

def poisson(mean):
    if mean > 30:
        return max(0, round(random.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, random.random()
    while p > limit:
        k += 1
        p *= random.random()
    return k

rows = []
for ods, size in practices:
    for policy, share in (("national-data-opt-out", 1.0), ("type-1", 0.6)):
        weekly = size * 1.6e-4 * share * random.lognormvariate(0, 0.3)
        active = int(size * 0.05 * share * random.lognormvariate(0, 0.25))
        for w in range(weeks):
            sunday = last - datetime.timedelta(days=7 * (weeks - 1 - w))
            new = poisson(weekly)
            active += new
            rows.append((sunday.isoformat(), 1, ods, policy, new, 0, active, size))
con.executemany("INSERT INTO practice_weeks (week_ending, revision, ods_code, policy, new_objections, withdrawals, active_objectors, list_size) VALUES (?,?,?,?,?,?,?,?)", rows)
con.commit()
print(f"{len(rows):,} practice-weeks for {len(practices):,} practices, {weeks} weeks to {last}")
