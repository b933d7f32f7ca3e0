#!/usr/bin/env python3
"""Writes examples/school.json: a demo school with a 40-pupil roster (two groups of 20).

Deterministic, so the committed file and a regenerated one are the same. Names are invented.
"""
import json, random, sys

rng = random.Random(2026)
first = ["Zoë", "Daan", "Sem", "Fatima", "Liam", "Noah", "Emma", "Julia", "Mila", "Tess", "Lucas", "Finn", "Levi",
         "Sara", "Yara", "Nora", "Mohammed", "Ayoub", "Elif", "Milan", "Jesse", "Luuk", "Bram", "Sophie", "Anna",
         "Roos", "Mees", "Lieve", "Thijs", "Jens", "Ruben", "Isa", "Fenna", "Saar", "Lotte", "Hamza", "Ibrahim",
         "Amira", "Olivia", "Gijs"]
last = ["Bakker", "de Vries", "Mulder", "El Amrani", "Jansen", "Visser", "Smit", "de Boer", "Meijer", "de Groot",
        "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
        "Yilmaz", "Kaya", "van Dijk", "Willems", "van der Linden"]
pupils, parents = [], []
for i, name in enumerate(first):
    group = "groep-5b" if i < 20 else "groep-7a"
    pid = f"p-{i + 1:03d}"
    roll = rng.random()
    consent = None if roll < 0.1 else {
        "schoolYear": "2025-2026" if roll < 0.2 else "2026-2027",
        "portalPhoto": rng.random() < 0.85, "portalName": rng.random() < 0.7,
        "externalPhoto": rng.random() < 0.4, "externalName": rng.random() < 0.3}
    pupil = {"id": pid, "firstName": name, "lastName": rng.choice(last), "group": group}
    if consent:
        pupil["consent"] = consent
    pupils.append(pupil)
    parents.append({"id": f"o-{i + 1:03d}", "name": f"Ouder van {name}", "children": [pid]})

school = {
    "school": {"name": "Basisschool De Regenboog", "brin": "99ZZ", "timeZone": "Europe/Amsterdam",
               "phone": "076-5012345", "email": "info@regenboog.example.nl",
               "website": "https://www.regenboog.example.nl", "iban": "NL91ABNA0417164300",
               "address": "Schoolstraat 1, 4811 AA Breda"},
    "schoolYear": "2026-2027",
    "hours": {"workdays": ["mon", "tue", "wed", "thu", "fri"], "work": {"start": "07:30", "end": "18:00"},
              "class": {"start": "08:30", "end": "14:30"}, "classByDay": {"wed": {"start": "08:30", "end": "12:15"}}},
    "groups": [{"id": "groep-5b", "name": "Groep 5B", "kind": "class", "teachers": ["t-devries"]},
               {"id": "groep-7a", "name": "Groep 7A", "kind": "class", "teachers": ["t-jansen"]},
               {"id": "school", "name": "Hele school", "kind": "school"},
               {"id": "mr", "name": "Medezeggenschapsraad", "kind": "council", "members": ["o-002", "t-jansen"]}],
    "staff": [{"id": "t-devries", "name": "Juf de Vries", "role": "teacher"},
              {"id": "t-jansen", "name": "Meester Jansen", "role": "teacher"},
              {"id": "d-bos", "name": "Mevrouw Bos", "role": "directie"},
              {"id": "a-smit", "name": "Mevrouw Smit", "role": "admin"}],
    "parents": parents,
    "pupils": pupils,
    "history": [{"group": "groep-5b", "postedAt": "2026-11-23T16:00:00+01:00"},
                {"group": "groep-7a", "postedAt": "2026-11-23T15:00:00+01:00"},
                {"group": "groep-7a", "postedAt": "2026-11-24T07:45:00+01:00"},
                {"group": "groep-7a", "postedAt": "2026-11-24T14:45:00+01:00"}],
}
json.dump(school, sys.stdout, ensure_ascii=False, indent=2)
print()
