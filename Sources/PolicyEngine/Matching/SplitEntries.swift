/// Lexicon entries whose words stand apart: a Dutch separable verb puts its particle at the end of the
/// clause ("steek ... neer" is *ik steek hem morgen neer*, "sla ... verrot" is *dan sla ik je
/// helemaal verrot*). Such an entry is written `first ... second`, each side with `|` alternatives
/// ("steek|steekt|stak ... neer|dood"). Both parts are words of the term automaton; a post holds the
/// entry when a second part follows a first part within `maxGap` words in the same sentence, and then
/// both words carry the entry's class (a pattern can name either: "ik ... @violence-verb" reads the
/// particle, "@group ... @violence-verb" the verb).
struct SplitEntries: Sendable {
    /// Words allowed between the two parts.
    static let maxGap = 5
    static let separator = " ... "

    struct Entry: Sendable {
        var wordClass: Int32
    }

    private(set) var entries: [Entry] = []

    /// Whether a lexicon entry is written in the split form.
    static func isSplit(_ entry: String) -> Bool { entry.contains(separator) }

    /// The two sides of a split entry, each a list of alternatives; nil when it is not well formed.
    static func sides(_ entry: String) -> (first: [TermPattern], second: [TermPattern])? {
        let parts = entry.components(separatedBy: separator)
        guard parts.count == 2 else { return nil }
        let first = parts[0].split(separator: "|").compactMap { TermPattern(String($0)) }
        let second = parts[1].split(separator: "|").compactMap { TermPattern(String($0)) }
        guard !first.isEmpty, !second.isEmpty else { return nil }
        return (first, second)
    }

    /// Registers an entry of class `wordClass`; returns its index for the term automaton's owners.
    mutating func add(wordClass: Int32) -> Int32 {
        entries.append(Entry(wordClass: wordClass))
        return Int32(entries.count - 1)
    }

    /// The class occurrences the split entries give a post, from the term matches of their parts.
    static func occurrences(
        firsts: [(entry: Int32, tokens: Range<Int>)], seconds: [(entry: Int32, tokens: Range<Int>)], tokens: [Token],
        entries: [Entry]
    ) -> [(wordClass: Int32, tokens: Range<Int>)] {
        var found: [(wordClass: Int32, tokens: Range<Int>)] = []
        for first in firsts {
            let sentence = tokens[first.tokens.lowerBound].sentence
            for second in seconds where second.entry == first.entry {
                let gap = second.tokens.lowerBound - first.tokens.upperBound
                guard gap >= 0, gap <= maxGap, tokens[second.tokens.lowerBound].sentence == sentence else { continue }
                let wordClass = entries[Int(first.entry)].wordClass
                found.append((wordClass, first.tokens))
                found.append((wordClass, second.tokens))
            }
        }
        return found
    }
}
