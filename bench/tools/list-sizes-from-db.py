#!/usr/bin/env python3
"""Writes a list-size publication (the three NHS England CSV files) from a registry database's registrations.

For benchmark data generated before the generator wrote list sizes itself: counts each practice's current
registrations by sex and five-year age band (age = extract year - birth year), in the publication's layout.
Usage: list-sizes-from-db.py DB OUT_DIR YYYY-MM-DD
"""
import csv, datetime, os, sqlite3, sys

db, out, day = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])
os.makedirs(out, exist_ok=True)
extract = day.strftime("%d-%b-%Y").upper()
publication = day.strftime("Patients Registered at a GP Practice %B %Y")
bands = [f"{i * 5}_{i * 5 + 4}" for i in range(18)] + ["90+"]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
counts = {}
# Every registration row counts once: the generator registers each person once and never moves anyone (a database
# with moves would need the latest row per person, which costs a look-up per row at this size).
rows = con.execute("SELECT practice_ods_code, sex, birth_year, count(*) FROM patient_registrations GROUP BY 1, 2, 3")
for ods, sex, birth, n in rows:
    band = min(max(day.year - birth, 0) // 5, 18)
    key = (ods, "FEMALE" if sex == "F" else "MALE", bands[band])
    counts[key] = counts.get(key, 0) + n
practices = con.execute("SELECT ods_code, name, sub_icb_code, sub_icb_name, icb_code, icb_name, region_code, region_name FROM practices ORDER BY 1").fetchall()
with open(os.path.join(out, "gp-reg-pat-prac-map.csv"), "w", newline="") as m, \
     open(os.path.join(out, "gp-reg-pat-prac-all.csv"), "w", newline="") as t, \
     open(os.path.join(out, "gp-reg-pat-prac-quin-age.csv"), "w", newline="") as a:
    mw, tw, aw = csv.writer(m), csv.writer(t), csv.writer(a)
    mw.writerow("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME".split(","))
    tw.writerow("PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS".split(","))
    aw.writerow("PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS".split(","))
    for ods, name, sub, subname, icb, icbname, region, regionname in practices:
        mw.writerow([publication, extract, ods, name, "", sub, subname, icb, icbname, region, regionname])
        total = 0
        for sex in ("FEMALE", "MALE"):
            for band in bands:
                n = counts.get((ods, sex, band), 0)
                total += n
                aw.writerow([publication, extract, "GP", ods, "", "", sex, band, n])
        tw.writerow([publication, extract, "GP", ods, "", "ALL", "ALL", total])
print(f"{len(practices)} practices written to {out}")
