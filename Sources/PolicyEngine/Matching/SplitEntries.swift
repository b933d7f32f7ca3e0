/// Lexicon entries whose words stand apart: a Dutch separable verb puts its particle at the end of the
/// clause ("steek ... neer" is *ik steek hem morgen neer*, "sla ... verrot" is *dan sla ik je
/// helemaal verrot*). Such an entry is written `first ... second`, each side with `|` alternatives
/// ("steek|steekt|stak ... neer|dood"). Both parts are words of the term automaton; a post holds the
/// entry when a second part follows a first part within `maxGap` words in the same sentence, and then
/// both words carry the entry's class (a pattern can name either: "ik ... @violence-verb" reads the
/// particle, "@group ... @violence-verb" the verb).
///
/// An entry that ends in `$` needs its second part at the end of a clause: the pack's exception
/// "sla|slaat ... over|om$" is *ik sla die vergadering over* and *hij slaat de bladzijde om*, not
/// *ik sla hem om de oren*. The clause ends at the sentence's end, at a punctuation mark, or where a
/// conjunction or preposition opens the next part ("we slaan de bladzijde om en lezen verder").
struct SplitEntries: Sendable {
    /// Words allowed between the two parts.
    static let maxGap = 6
    static let separator = " ... "
    static let clauseEndMark: Character = "$"
    /// The class of the pack's split exceptions: no word class, they are innocent phrases.
    static let packException: Int32 = -1

    struct Entry: Sendable {
        var wordClass: Int32
        var atClauseEnd = false
    }

    private(set) var entries: [Entry] = []

    /// Whether a lexicon entry is written in the split form.
    static func isSplit(_ entry: String) -> Bool { entry.contains(separator) }

    /// The two sides of a split entry, each a list of alternatives, and whether the second must end
    /// its clause; nil when it is not well formed.
    static func sides(_ entry: String) -> (first: [TermPattern], second: [TermPattern], atClauseEnd: Bool)? {
        let atClauseEnd = entry.last == clauseEndMark
        let parts = (atClauseEnd ? String(entry.dropLast()) : entry).components(separatedBy: separator)
        guard parts.count == 2 else { return nil }
        let first = parts[0].split(separator: "|").compactMap { TermPattern(String($0)) }
        let second = parts[1].split(separator: "|").compactMap { TermPattern(String($0)) }
        guard !first.isEmpty, !second.isEmpty else { return nil }
        return (first, second, atClauseEnd)
    }

    /// Registers an entry of class `wordClass`; returns its index for the term automaton's owners.
    mutating func add(wordClass: Int32, atClauseEnd: Bool = false) -> Int32 {
        entries.append(Entry(wordClass: wordClass, atClauseEnd: atClauseEnd))
        return Int32(entries.count - 1)
    }

    /// Words that open the next part of a sentence after a clause-final particle.
    static let clauseFollowers: Set<String> = [
        "en", "maar", "want", "omdat", "als", "dat", "toen", "zodat", "terwijl", "of", "dan", "van", "met", "bij", "tijdens",
        "in", "voor", "na", "naar", "om", "te", "tot", "zonder", "door",
    ]

    /// Whether word `index` ends its clause.
    static func endsClause(_ index: Int, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        guard index + 1 < tokens.count, tokens[index + 1].sentence == tokens[index].sentence else { return true }
        return clauseFollowers.contains(tokens[index + 1].key) || breaksClause(index, in: text)
    }

    /// Whether a punctuation mark stands between word `index` and the next.
    static func breaksClause(_ index: Int, in text: AnalyzedText) -> Bool {
        text.between(index, index + 1).contains { [0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x2E, 0x29, 0x22, 0x2D].contains($0) }
    }

    /// The class occurrences the split entries give a post, from the term matches of their parts.
    static func occurrences(
        firsts: [(entry: Int32, tokens: Range<Int>)], seconds: [(entry: Int32, tokens: Range<Int>)], text: AnalyzedText,
        entries: [Entry]
    ) -> [(wordClass: Int32, tokens: Range<Int>)] {
        let tokens = text.tokens
        var found: [(wordClass: Int32, tokens: Range<Int>)] = []
        for first in firsts {
            let sentence = tokens[first.tokens.lowerBound].sentence
            for second in seconds where second.entry == first.entry {
                let gap = second.tokens.lowerBound - first.tokens.upperBound
                guard gap >= 0, gap <= maxGap, tokens[second.tokens.lowerBound].sentence == sentence else { continue }
                let entry = entries[Int(first.entry)]
                if entry.atClauseEnd {
                    // Both parts in one clause, the particle at its end.
                    let last = second.tokens.upperBound - 1
                    guard endsClause(last, in: text),
                        !(first.tokens.upperBound - 1..<second.tokens.lowerBound).contains(where: { breaksClause($0, in: text) })
                    else { continue }
                }
                let wordClass = entry.wordClass
                found.append((wordClass, first.tokens))
                found.append((wordClass, second.tokens))
            }
        }
        return found
    }
}
