import Synchronization

/// Inflected forms of lexicon words, from Hunspell and the OpenTaal dictionary (Debian's hunspell-nl):
/// a word of a post that is not itself in a lexicon counts as a word of a class when one of its
/// dictionary stems is (*buitenlanders* → *buitenlander*, *parasieten* → *parasiet*, *joodjes* →
/// *joodje*, *vermoordde* → *vermoord*).
///
/// Hunspell, not the Snowball stemmer: Snowball cuts *negeren* to *neger* and *negeer* to *neger*,
/// so an ordinary verb would read as a slur; Hunspell only derives forms its dictionary's affix rules
/// allow, and *negeren* stays *negeren*. Lexicons still list strong verb forms (*sloeg*, *geslagen*):
/// OpenTaal's Hunspell files carry no morphology for them.
final class WordForms: Sendable {
    /// Single-word lexicon entries (canonical form) → their classes.
    private let byWord: [String: [Int32]]
    private let speller: SpellChecker
    /// Post word → the classes its stems give (often none); cached per process.
    private let cache = Mutex<[String: [Int32]]>([:])
    /// Shorter words are left alone: their stems are too often another short word.
    static let minimumLength = 4

    init?(byWord: [String: [Int32]], speller: SpellChecker?) {
        guard let speller, !byWord.isEmpty else { return nil }
        self.byWord = byWord
        self.speller = speller
    }

    /// The classes `word` (a token's canonical form) belongs to through its stems; none when the
    /// word is a lexicon word itself (the term matcher found it already).
    func classes(of word: String) -> [Int32] {
        guard byWord[word] == nil, word.count >= Self.minimumLength else { return [] }
        if let known = cache.withLock({ $0[word] }) { return known }
        var found: [Int32] = []
        for stem in speller.stems(word) {
            guard let canonical = AnalyzedText(stem).tokens.first?.canonical, canonical.count >= Self.minimumLength else { continue }
            for id in byWord[canonical] ?? [] where !found.contains(id) { found.append(id) }
        }
        cache.withLock { if $0.count < SpellChecker.cacheLimit { $0[word] = found } }
        return found
    }
}
