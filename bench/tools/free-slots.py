#!/usr/bin/env python3
"""Prints the blocks of create.lua's fresh NHS numbers (0-159, 60,000 numbers each) that no earlier run used on the
database named by the first argument: a create on a number already recorded is a cheaper 422 and would flatter the rate."""
import sqlite3
import sys

c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
used = {(int(n[:9]) - 980000000) // 60000 for (n,) in c.execute(
    "SELECT DISTINCT patient_nhs_number FROM consent_versions WHERE patient_nhs_number LIKE '98%'")}
print(" ".join(str(s) for s in range(160) if s not in used))
