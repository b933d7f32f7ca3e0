#!/usr/bin/env python3
"""Writes realistic bench posts as JSON Lines: about 350 characters each, mostly ordinary class news,
some with the problems the rule pack looks for (names, numbers, disguised swearing, selling).

Usage: python3 bench/make_posts.py [COUNT] > bench/posts.jsonl   (deterministic for a given COUNT)
"""
import json, random, sys

rng = random.Random(48)
ordinary = [
    "Vandaag hebben we in de klas gewerkt aan het thema herfst.",
    "De kinderen hebben bladeren verzameld en er prachtige tekeningen van gemaakt.",
    "Morgen is er gym, denk aan de gymschoenen en een handdoek.",
    "Volgende week donderdag gaan we naar de bibliotheek; wie kan er rijden?",
    "We oefenen de tafels van 6 en 7, thuis een beetje herhalen helpt echt.",
    "De oudergesprekken zijn in week 48, u krijgt hiervoor een uitnodiging.",
    "Wat hebben we genoten van de voorstelling in de aula!",
    "Het thema van de Kinderboekenweek is dit jaar 'natuur'.",
    "Denk aan de luizencontrole na de vakantie.",
    "De kinderen mogen vrijdag hun knuffel meenemen naar school.",
    "We zoeken nog hulpouders voor het kerstdiner op 17 december.",
    "In de rekenles werken we met breuken en kommagetallen.",
    "De schoolfotograaf komt op dinsdag 8 december langs.",
    "Bij mooi weer gaan we buiten lezen op het plein.",
    "Het was een drukke maar gezellige week in groep 5.",
    "Vergeet niet de strook van de schoolreis in te leveren.",
]
problems = [
    "Zoë en Daan hebben de tekenwedstrijd gewonnen!",
    "Bel gerust de moeder van Sem op 06-12345678.",
    "Wat een k4nker weer vandaag, maar we gaan toch naar buiten.",
    "Met de kortingscode KLAS5 krijg je korting in mijn webshop.",
    "Het BSN voor het formulier is 111222333.",
    "Fatima heeft ADHD en krijgt daarom extra pauzes.",
    "Daan heeft vandaag weer gepest op het plein.",
    "Mail de vader van Liam op fam.jansen@gmail.com.",
]
count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
for i in range(count):
    sentences = []
    while sum(len(s) + 1 for s in sentences) < 330:
        sentences.append(rng.choice(ordinary))
    if rng.random() < 0.25:
        sentences[rng.randrange(len(sentences))] = rng.choice(problems)
    text = "Beste ouders, " + " ".join(sentences)
    print(json.dumps({"id": f"bench-{i:05d}", "text": text[:420]}, ensure_ascii=False))
