/// A pupil's name found in a post.
struct NameHit {
    /// Indexes into the roster: every pupil the words could name.
    var pupils: [Int]
    var tokens: Range<Int>
    /// False for a name that is also an ordinary word at the start of a sentence ("Roos bloeit"): it
    /// may be the pupil, so it is reported for review rather than blocked.
    var certain: Bool
}

/// Finds roster names in a post, diacritic-insensitively ("Zoe" is Zoë), without mistaking the rose
/// for Roos or a koolmees for Mees.
struct NameFinder {
    let context: PreparedContext
    let ambiguousNames: Set<String>

    func hits(in text: AnalyzedText) -> [NameHit] {
        let tokens = text.tokens
        var hits: [NameHit] = []
        var index = 0
        while index < tokens.count {
            // Most words are no name: test the key before copying the whole token.
            guard context.mayBeFirstName(tokens[index].key), let candidates = context.firstNames[tokens[index].key],
                index == 0 || !Self.adultTitles.contains(tokens[index - 1].key)
            else {
                index += 1
                continue
            }
            let token = tokens[index]
            if let (pupil, end) = fullName(candidates, from: index, in: tokens) {
                hits.append(NameHit(pupils: [pupil], tokens: index..<end, certain: true))
                index = end
                continue
            }
            if isNamesake(index, in: text) {
                index += 2
                continue
            }
            if hasForeignAccent(index, candidates, in: text) {
                index += 1
                continue
            }
            let ambiguous = ambiguousNames.contains(token.key)
            if !ambiguous {
                hits.append(NameHit(pupils: candidates, tokens: index..<index + 1, certain: true))
            } else if token.isCapitalized, !token.startsSentence {
                hits.append(NameHit(pupils: candidates, tokens: index..<index + 1, certain: true))
            } else if token.isCapitalized, index + 1 < tokens.count, Self.readsAsVerb(tokens[index + 1].key) {
                hits.append(NameHit(pupils: candidates, tokens: index..<index + 1, certain: false))
            }
            index += 1
        }
        return hits
    }

    /// "meester Daan", "juf Sara", "collega Noah": an adult who shares a pupil's first name.
    static let adultTitles: Set<String> = [
        "juf", "juffrouw", "meester", "meneer", "mevrouw", "collega", "directeur", "directrice", "conciërge", "concierge",
        "stagiair", "stagiaire", "invaller", "dokter", "pastoor", "pater", "dominee", "imam", "sint", "sinterklaas",
        "koning", "koningin", "prins", "prinses", "keizer", "keizerin", "heilige", "apostel", "profeet", "evangelist",
    ]

    /// Whether word `index` stands right after one of `adultTitles`, only spaces between ("juf Sanne",
    /// not "Geweldig juf! Liam"). The roster search above asks only for the title word before.
    static func followsTitle(_ index: Int, in text: AnalyzedText) -> Bool {
        guard index > 0, adultTitles.contains(text.tokens[index - 1].key) else { return false }
        return text.between(index - 1, index).allSatisfy { $0 == 0x20 }
    }

    private static let subjectFollowers: Set<String> = [
        "en", "is", "was", "heeft", "had", "wordt", "werd", "gaat", "ging", "komt", "kwam", "mag", "moet", "kan", "kon",
        "wil", "zal", "zou", "zit", "zat", "doet", "deed", "heb", "ligt", "lag", "staat", "stond", "vond", "vindt",
    ]

    /// At the start of a sentence "Roos heeft…" reads as the name (the next word is a verb), while
    /// "Lieve ouders" reads as the adjective. Dutch puts the finite verb second in a main clause, and
    /// finite verbs mostly end in -t (present) or -de/-te (past).
    static func readsAsVerb(_ word: String) -> Bool {
        subjectFollowers.contains(word) || word.hasSuffix("t") || word.hasSuffix("de") || word.hasSuffix("te")
            || word.hasSuffix("den") || word.hasSuffix("ten")
    }

    /// "Sophie Scholl", "Jesse Klaver", "Onze Lieve Vrouw": a capitalised first name followed, after one
    /// space, by a capitalised word that is no name of this school is someone else of that name (the
    /// pupil's own last name was tried first). A word at the start of a sentence proves nothing, lower
    /// case is how people type a pupil's name in a hurry, and capitals only are an abbreviation
    /// ("Noah ADHD", "Sem MRI").
    private func isNamesake(_ index: Int, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        guard index + 1 < tokens.count, tokens[index].isCapitalized else { return false }
        let next = tokens[index + 1]
        guard next.isCapitalized, !next.startsSentence, !next.isNumber, next.sentence == tokens[index].sentence,
            next.span.start == tokens[index].span.end + 1, !context.nameWords.contains(next.key)
        else { return false }
        return text.original[next.span.start + 1..<next.span.end].contains { $0.properties.isLowercase }
    }

    /// "de verschijningen in Fátima", "kerstman Noël": a name written with an accent that no pupil of that
    /// name has is another word. Leaving an accent out proves nothing ("Zoe" is how many type Zoë).
    private func hasForeignAccent(_ index: Int, _ candidates: [Int], in text: AnalyzedText) -> Bool {
        let written = text.original[text.tokens[index].span.start..<text.tokens[index].span.end]
        guard written.contains(where: { $0.value > 0x7F }) else { return false }
        let word = String(String.UnicodeScalarView(written)).lowercased()
        return !candidates.contains { context.roster[$0].firstName.lowercased() == word }
    }

    /// "Zoë Bakker", "Daan de Vries": the first name followed by one candidate's last name.
    private func fullName(_ candidates: [Int], from index: Int, in tokens: [Token]) -> (Int, Int)? {
        for pupil in candidates {
            let last = context.lastNames[pupil]
            let end = index + 1 + last.count
            guard !last.isEmpty, end <= tokens.count else { continue }
            if zip(last, tokens[(index + 1)..<end]).allSatisfy({ $0 == $1.key }) { return (pupil, end) }
        }
        return nil
    }
}
