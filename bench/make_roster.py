#!/usr/bin/env python3
"""Writes a roster + consent CSV the way a student administration exports it: UTF-8 with BOM,
semicolons, Dutch headers, ja/nee consent columns.

  python3 bench/make_roster.py examples/school.json > examples/roster.csv   # the demo school's 40 pupils
  python3 bench/make_roster.py --pupils 1000 > /tmp/roster-1000.csv          # a large school for the bench
"""
import json, random, sys

def yes_no(value):
    return "" if value is None else ("ja" if value else "nee")

args = sys.argv[1:]
out = sys.stdout
out.write("\ufeff")
out.write("Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Ouder ID;Ouder;E-mail ouder;Foto portaal;Naam portaal;Foto extern;Naam extern\n")
if args and args[0] == "--pupils":
    count = int(args[1])
    rng = random.Random(1000)
    first = ["Zoë", "Daan", "Sem", "Fatima", "Liam", "Noah", "Emma", "Julia", "Mila", "Tess", "Lucas", "Finn", "Sara", "Yara", "Elif", "Milan"]
    last = [("", "Bakker"), ("de", "Vries"), ("", "Mulder"), ("El", "Amrani"), ("van", "Dijk"), ("", "Yilmaz"), ("de", "Boer")]
    for i in range(count):
        infix, surname = rng.choice(last)
        group = f"{1 + i % 8}{'ABC'[i // 8 % 3]}"
        consent = [rng.choice(["ja", "ja", "ja", "nee", ""]) for _ in range(4)]
        out.write(f"L{i + 1:05d};{rng.choice(first)};{infix};{surname};{group};O{i + 1:05d};Ouder {i + 1};ouder{i + 1}@example.nl;" + ";".join(consent) + "\n")
else:
    school = json.load(open(args[0]))
    parents = {child: p for p in school["parents"] for child in p.get("children", [])}
    for pupil in school["pupils"]:
        last = pupil.get("lastName", "")
        infix, _, surname = last.rpartition(" ") if " " in last else ("", "", last)
        consent = pupil.get("consent") or {}
        current = consent.get("schoolYear") == school["schoolYear"]
        values = [yes_no(consent.get(k)) if current else "" for k in ("portalPhoto", "portalName", "externalPhoto", "externalName")]
        group = pupil["group"].replace("groep-", "").upper()
        parent = parents.get(pupil["id"], {})
        email = f"{parent.get('id', 'ouder')}@example.nl" if parent else ""
        out.write(";".join([pupil["id"], pupil["firstName"], infix, surname, group, parent.get("id", ""), parent.get("name", ""), email] + values) + "\n")
