/// Seed 004: posts are written in correct Dutch. Lists misspelt words with Hunspell's suggestions,
/// leaving alone what a dictionary cannot know: names of pupils, staff, parents and the school,
/// words written with a capital inside a sentence (names of places and things), abbreviations in
/// capitals, numbers, web and e-mail addresses, and the school's own words (the `spelling-accept`
/// word class, which a school extends in its override file).
struct SpellingCheck {
    let analysis: PostAnalysis
    let checker: SpellChecker?
    let accepted: Set<String>

    /// The first this many misspelt words of a post get suggestions (a few hundred set lookups each).
    static let maxSuggested = 10
    /// Words not seen before cost Hunspell lookups (up to milliseconds for a long made-up word): a post
    /// gets at most this many; the rest of a flood of made-up words is left unchecked.
    static let maxNewWords = 30

    func run() -> RuleOutcome {
        guard let checker else {
            return .skipped(
                reason: LocalizedText(
                    nl: "het Nederlandse woordenboek (hunspell-nl) is niet geïnstalleerd, dus de spelling is niet gecontroleerd",
                    en: "the Dutch dictionary (hunspell-nl) is not installed, so spelling was not checked"))
        }
        let text = analysis.writtenText
        let names = analysis.context.nameWords
        // Most words are known Dutch and need no address check: find the addresses on first need.
        var addresses: [Range<Int>]?
        var hits: [Hit] = []
        var suggested = 0
        var newWords = 0
        for token in text.tokens {
            guard token.keyLength >= 2, !token.isNumber else { continue }
            if token.isCapitalized && !token.startsSentence { continue }
            // The commonest case first, without building the word: its folded form is known Dutch, and
            // then so is the word (the check below accepts it through that form).
            if checker.knownVerdict(token.key) == true { continue }
            if Self.holdsDigit(token.key) || names.contains(token.key) || accepted.contains(token.key) { continue }
            let ranges = addresses ?? Self.addressRanges(text.original)
            addresses = ranges
            if ranges.contains(where: { $0.contains(token.span.start) }) { continue }
            let word = text.originalText(token.span)
            if word.count > 1, !word.unicodeScalars.contains(where: Self.isLowercase) { continue }
            // A capital inside the word is a name or a brand ("HuZes", "iPad", "WhatsApp").
            if word.unicodeScalars.dropFirst().contains(where: Self.isUppercase) { continue }
            // Dotted abbreviations ("v.d.", "o.a.", "i.v.m.") are not dictionary words.
            if word.unicodeScalars.contains(".") { continue }
            // A censored word ("k*t") is not misspelt: its rules see it.
            if word.unicodeScalars.contains("*") { continue }
            // A word fragment under discussion ("-heid", "'sch'") is not a word of the post.
            if Self.isFragment(token, in: text) { continue }
            if checker.knownVerdict(word) == nil {
                newWords += 1
                if newWords > Self.maxNewWords { break }
            }
            // "Eén" is how "één" is capitalised: a word that is right without its accents passes.
            guard !checker.isCorrect(word), !checker.isCorrect(word.lowercased()), !checker.isCorrect(token.key) else { continue }
            var detail = "'\(word)'"
            if suggested < Self.maxSuggested, word.count <= SpellChecker.longestCompound {
                suggested += 1
                let options = checker.suggestions(word)
                if !options.isEmpty { detail += " → " + options.joined(separator: ", ") }
            }
            hits.append(Hit(spans: [token.span], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits.isEmpty ? .none : .found(hits)
    }

    /// Case tests that read ASCII letters directly: Unicode property lookups were a visible share of
    /// the check.
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    /// Whether a word holds a digit ("3e", "groep8"); reads bytes, and Unicode properties only for
    /// a word outside ASCII (`Character.isNumber` per letter was a tenth of the check's time).
    static func holdsDigit(_ key: String) -> Bool {
        for byte in key.utf8 {
            if (0x30...0x39).contains(byte) { return true }
            if byte >= 0x80 { return key.unicodeScalars.contains { $0.properties.numericType != nil } }
        }
        return false
    }

    private static let quotes: Set<Unicode.Scalar> = ["'", "\"", "‘", "’", "“", "”"]

    static func isFragment(_ token: Token, in text: AnalyzedText) -> Bool {
        let before = token.span.start > 0 ? text.original[token.span.start - 1] : " "
        let after = token.span.end < text.original.count ? text.original[token.span.end] : " "
        return before == "-" || (quotes.contains(before) && quotes.contains(after))
    }

    /// Runs of text that are a web or e-mail address: no spelling there. Scans the scalars once
    /// (no strings are built: this runs for every post).
    static func addressRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        // Every address holds an @, a dot right before a letter ("www.", ".nl") or "http": most
        // posts have none of these, and need no further scan.
        var mayHoldAddress = false
        for index in scalars.indices {
            let value = scalars[index].value
            if value == 0x40 || (value == 0x2E && index + 1 < scalars.count && scalars[index + 1].properties.isAlphabetic)
                || (value | 0x20 == 0x68 && index + 3 < scalars.count && scalars[index + 1].value | 0x20 == 0x74
                    && scalars[index + 2].value | 0x20 == 0x74 && scalars[index + 3].value | 0x20 == 0x70)
            {
                mayHoldAddress = true
                break
            }
        }
        guard mayHoldAddress else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        func lower(_ index: Int) -> UInt32 {
            let value = scalars[index].value
            return (65...90).contains(value) ? value + 32 : value
        }
        func has(_ needle: [UInt32], in range: Range<Int>) -> Bool {
            guard range.count >= needle.count else { return false }
            for offset in range.lowerBound...(range.upperBound - needle.count)
            where (0..<needle.count).allSatisfy({ lower(offset + $0) == needle[$0] }) {
                return true
            }
            return false
        }
        let markers: [[UInt32]] = ["http", "www.", ".nl", ".com"].map { $0.unicodeScalars.map(\.value) }
        func close(_ end: Int) {
            guard start < end else { return }
            let range = start..<end
            if range.contains(where: { scalars[$0] == "@" }) || markers.contains(where: { has($0, in: range) }) {
                ranges.append(range)
            }
        }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 128 ? scalar.value == 32 || (9...13).contains(scalar.value) : scalar.properties.isWhitespace
        }
        for index in scalars.indices where isSpace(scalars[index]) {
            close(index)
            start = index + 1
        }
        close(scalars.count)
        return ranges
    }
}
