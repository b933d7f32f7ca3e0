import PolicyEngine
print("ICU", CharacterFolder.icuVersion)
for s in ["Wat een k4nker opmerking", "k u t", "t.y.f.u.s!", "kuuuut", "kût", "kаnker", "k\u{200B}ut", "ｋａｎｋｅｒ", "Zoë en Sexbierum. KWF kankerbestrijding", "k@nker jan@school.nl 06-12345678", "ΚΑΝΚΕΡ", "Ꮶanker"] {
    let t = AnalyzedText(s)
    print(s, "→", t.tokens.map { "\($0.key)/\($0.canonical)[\($0.span.start),\($0.span.end)]\($0.isCapitalized ? "C":"")\($0.startsSentence ? "S":"")" })
}
