import Synchronization

/// Inflected forms of lexicon words, from Hunspell and the OpenTaal dictionary (Debian's hunspell-nl):
/// a word of a post that is not itself in a lexicon counts as a word of a class when one of its
/// dictionary stems is (*buitenlanders* → *buitenlander*, *parasieten* → *parasiet*, *joodjes* →
/// *joodje*, *vermoordde* → *vermoord*).
///
/// A word Hunspell does not know may be a lexicon word with a letter dropped, added, changed or two
/// letters swapped (*Turkn*, *Polne*, *gehandicpten*): when a lexicon word is one such edit away, the
/// word counts as that word. The lexicon words and their one-letter deletions are indexed, so the
/// lookup is a few set probes (the symmetric-deletion method); Hunspell is asked only whether the
/// word is Dutch itself, and only when a lexicon word is that close.
///
/// Hunspell, not the Snowball stemmer: Snowball cuts *negeren* to *neger* and *negeer* to *neger*,
/// so an ordinary verb would read as a slur; Hunspell only derives forms its dictionary's affix rules
/// allow, and *negeren* stays *negeren*. Lexicons still list strong verb forms (*sloeg*, *geslagen*):
/// OpenTaal's Hunspell files carry no morphology for them.
final class WordForms: Sendable {
    /// Single-word lexicon entries (canonical form) → their classes.
    private let byWord: [String: [Int32]]
    /// Words read only when misspelt (see `init`), seven letters or more: one edit from a shorter
    /// insult is too often an everyday word mistyped (*hoefen* is no *hoeren*, *tikkie* no *tokkie*).
    private let misspeltOnly: [String: [Int32]]
    static let shortestMisspeltOnly = 7
    /// A pattern's literal words (*moeten*, *horen*, *oprotten*) count when misspelt from five letters:
    /// a misspelling of an everyday verb means that verb.
    static let shortestMisspeltLiteral = 5
    private let speller: SpellChecker
    /// Post word → its classes (often none); cached per process.
    private let cache = Mutex<[String: Forms]>([:])

    /// A word's classes, and whether they come from reading it as a misspelt lexicon word.
    struct Forms {
        var classes: [Int32] = []
        var misspelt = false
    }
    /// Shorter words are left alone: their stems are too often another short word.
    static let minimumLength = 4
    /// Stems shorter than this are not looked up.
    static let minimumStem = 5

    /// Lexicon words that give a compound ending in them their class (Dutch compounds are
    /// head-final: a *pianodiploma* is a diploma, *leesachterstand* an achterstand).
    private let compoundHeads: [String: [Int32]]
    /// The shortest head and the shortest first part of such a compound.
    static let shortestHead = 5
    static let shortestFirstPart = 3

    /// `misspeltOnly`: words whose misspellings count but not their inflections (the single words of
    /// the word-list rules, which list the forms they mean: *eikel* is an insult, *eikels* acorns).
    init?(
        byWord: [String: [Int32]], misspeltOnly: [String: [Int32]] = [:], literals: [String: [Int32]] = [:], speller: SpellChecker?,
        compoundHeads: [String: [Int32]] = [:]
    ) {
        guard let speller, !byWord.isEmpty else { return nil }
        self.byWord = byWord
        var misspelt = misspeltOnly.filter { $0.key.count >= Self.shortestMisspeltOnly }
        for (word, ids) in literals where word.count >= Self.shortestMisspeltLiteral {
            misspelt[word, default: []].append(contentsOf: ids)
        }
        self.misspeltOnly = misspelt
        self.speller = speller
        self.compoundHeads = compoundHeads.filter { $0.key.count >= Self.shortestHead }
        let allWords = Set(byWord.keys).union(self.misspeltOnly.keys)
        var nearby: [String: [String]] = [:]
        for word in allWords where (Self.minimumLength...Self.longestVariant + 1).contains(word.count) {
            for key in Self.deletions(of: word) { nearby[key, default: []].append(word) }
        }
        self.nearby = nearby
        var skeletons: [String: [String]] = [:]
        for word in allWords where (Self.shortestSkeleton...Self.longestVariant).contains(word.count) {
            skeletons[Self.skeleton(of: word), default: []].append(word)
        }
        // Sorted once here, so a misspelt word's classes come in the same order in every run.
        self.skeletons = skeletons.mapValues { $0.sorted() }
    }

    /// Lexicon words by their letters with every doubled letter written once: Dutch writers double
    /// the wrong consonant (*Marrokanen* for *Marokkanen*), two edits from the word.
    private let skeletons: [String: [String]]
    static let shortestSkeleton = 6

    /// The word with each run of a repeated letter written once ("marokkanen" → "marokanen").
    static func skeleton(of word: String) -> String {
        var result = ""
        var previous: Unicode.Scalar?
        for scalar in word.unicodeScalars where scalar != previous {
            result.unicodeScalars.append(scalar)
            previous = scalar
        }
        return result
    }

    /// The classes `word` (a token's canonical form) belongs to through its stems or compound head,
    /// else as a misspelt lexicon word; none when the word is a lexicon word itself (the term matcher
    /// found it already). One cached lookup per word: this runs for most words of every post.
    func classes(of word: String) -> Forms {
        if let known = cache.withLock({ $0[word] }) { return known }
        var found = Forms()
        if byWord[word] == nil {
            let length = word.unicodeScalars.count
            if length >= Self.minimumLength { found.classes = stemClasses(of: word) }
            if found.classes.isEmpty, (Self.minimumLength + 1...Self.longestVariant).contains(length) {
                found = Forms(classes: variantClasses(of: word), misspelt: true)
            }
            if found.classes.isEmpty, length == Self.minimumLength {
                found = Forms(classes: droppedLetterClasses(of: word), misspelt: true)
            }
            if found.classes.isEmpty, (Self.shortestSkeleton...Self.longestVariant).contains(length),
                let lexiconWords = skeletons[Self.skeleton(of: word)]
            {
                found = Forms(classes: misspeltClasses(word, lexiconWords: lexiconWords), misspelt: true)
            }
        }
        cache.withLock { if $0.count < SpellChecker.cacheLimit { $0[word] = found } }
        return found
    }

    /// Particles that keep a verb's sense: *afslaan*, *neersteken*, *kapotmaken*, *inslaan*.
    static let keepingParticles = ["af", "neer", "dood", "kapot", "in", "weg", "plat", "stuk", "toe", "terug", "door"]

    /// Whether `word` starts as its stem does, after a participle's *ge* or a particle that keeps the
    /// verb's sense (*afgeslagen* is *slaan*); another prefix makes another verb.
    static func sharesStart(_ word: String, _ stem: String) -> Bool {
        let head = stem.prefix(2)
        func startsWithStem(_ rest: Substring) -> Bool {
            rest.hasPrefix(head) || (rest.hasPrefix("ge") && rest.dropFirst(2).hasPrefix(head))
        }
        if startsWithStem(word[...]) { return true }
        return keepingParticles.contains { word.hasPrefix($0) && startsWithStem(word.dropFirst($0.count)) }
    }

    private func stemClasses(of word: String) -> [Int32] {
        var found: [Int32] = []
        for stem in speller.stems(word) {
            // A short stem is too often another word: *volgende* → *volg*, *slaat* → *sla*.
            guard let canonical = AnalyzedText(stem).tokens.first?.canonical, canonical.count >= Self.minimumStem else { continue }
            // Endings change a word, and a participle puts *ge* before it; a prefix makes another verb:
            // *oversteken* (to cross) and *aansteken* (to light) are not *steken* (to stab).
            guard Self.sharesStart(word, canonical) else { continue }
            for id in byWord[canonical] ?? [] where !found.contains(id) { found.append(id) }
        }
        return found.isEmpty ? headClasses(of: word) : found
    }

    /// The classes of the longest compound head `word` ends in ("vioolexamen" → examen).
    private func headClasses(of word: String) -> [Int32] {
        guard !compoundHeads.isEmpty else { return [] }
        let letters = Array(word)
        guard letters.count >= Self.shortestHead + Self.shortestFirstPart else { return [] }
        for length in stride(from: letters.count - Self.shortestFirstPart, through: Self.shortestHead, by: -1) {
            if let ids = compoundHeads[String(letters[(letters.count - length)...])] { return ids }
        }
        return []
    }

    /// Longer unknown words are not corrected.
    static let longestVariant = 16

    /// The classes of the lexicon word `word` misspells (one edit away), if it is not a Dutch word itself.
    private func variantClasses(of word: String) -> [Int32] {
        // Lexicon words that share a one-deletion form with the word: every word one edit away does,
        // and a few more, which `oneEdit` sorts out. A handful of set lookups, no Hunspell.
        var candidates: Set<String> = []
        for key in Self.deletions(of: word) { candidates.formUnion(nearby[key] ?? []) }
        return misspeltClasses(word, lexiconWords: candidates.filter { Self.oneEdit(word, $0) }.sorted())
    }

    /// A four-letter word is read only as a five-letter lexicon word with one letter dropped (*Hmo's*,
    /// *Jden*): changing a letter of so short a word too often makes another word or a name.
    private func droppedLetterClasses(of word: String) -> [Int32] {
        misspeltClasses(word, lexiconWords: (nearby[word] ?? []).filter { $0.unicodeScalars.count == Self.minimumLength + 1 }.sorted())
    }

    /// The classes of `lexiconWords` when `word`, a word of letters, is not Dutch itself. A word is
    /// weighed against Hunspell's dictionary alone: the compound split the spelling check allows
    /// reads too many misspellings as two words ("lesbienes" is no *les* + *bienes*, "hommo's" no
    /// *hom* + *mos*).
    private func misspeltClasses(_ word: String, lexiconWords: [String]) -> [Int32] {
        guard !lexiconWords.isEmpty, word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return [] }
        let isDutch = speller.isInDictionary(word)
        guard !isDutch else { return [] }
        var found: [Int32] = []
        for canonical in lexiconWords {
            for id in (byWord[canonical] ?? []) + (misspeltOnly[canonical] ?? []) where !found.contains(id) { found.append(id) }
        }
        return found
    }

    /// A lexicon word and each of its one-letter deletions → the lexicon words that give it.
    private let nearby: [String: [String]]

    /// The word itself and the word with one letter taken out, at each place.
    static func deletions(of word: String) -> Set<String> {
        let letters = Array(word)
        var result: Set<String> = [word]
        for index in letters.indices {
            var shorter = letters
            shorter.remove(at: index)
            result.insert(String(shorter))
        }
        return result
    }

    /// One letter dropped, added or changed, or two neighbours swapped.
    static func oneEdit(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs), b = Array(rhs)
        guard a != b, abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if Array(a[(i + 1)...]) == Array(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && Array(a[(i + 2)...]) == Array(b[(i + 2)...])
        }
        return a.count > b.count ? Array(a[(i + 1)...]) == Array(b[i...]) : Array(a[i...]) == Array(b[(i + 1)...])
    }
}
