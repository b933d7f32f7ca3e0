import CHunspell
import Foundation
import Synchronization

/// Dutch spelling with Hunspell and the OpenTaal dictionary (Debian's `hunspell-nl`).
///
/// OpenTaal's Hunspell dictionary does not build ordinary noun compounds (it rejects *gymdagen* and
/// *huiswerkmap*), and Dutch writes compounds as one word, so a word it rejects still counts as
/// correct when it splits into dictionary words, with the linking *s*, *e* or *en* between them.
/// Hunspell costs 10–50 µs a word: verdicts are kept, so a word is looked up once per process.
public final class SpellChecker: Sendable {
    /// The system's Dutch dictionary, or nil when it is not installed (the spelling rule then says so).
    public static let shared: SpellChecker? = SpellChecker(
        affix: "/usr/share/hunspell/nl.aff", dictionary: "/usr/share/hunspell/nl.dic")

    private struct Handle: @unchecked Sendable { let pointer: OpaquePointer }
    /// Hunspell is not thread-safe: one call at a time.
    private let handle: Mutex<Handle>
    private let verdicts = Mutex<[String: Bool]>([:])
    private let suggestionCache = Mutex<[String: [String]]>([:])
    private let stemCache = Mutex<[String: [String]]>([:])
    /// The caches stop growing here (a hostile stream of made-up words must not fill the memory).
    static let cacheLimit = 200_000

    public init?(affix: String, dictionary: String) {
        guard FileManager.default.fileExists(atPath: affix), FileManager.default.fileExists(atPath: dictionary),
            let pointer = Hunspell_create(affix, dictionary)
        else { return nil }
        handle = Mutex(Handle(pointer: pointer))
    }

    deinit { handle.withLock { Hunspell_destroy($0.pointer) } }

    /// Whether Hunspell knows the word as it is.
    private func inDictionary(_ word: String) -> Bool {
        handle.withLock { Hunspell_spell($0.pointer, word) != 0 }
    }

    /// Words longer than this are not split into compounds: the split costs grow with the square of
    /// the length, and no Dutch word a teacher writes needs more.
    static let longestCompound = 24

    /// The verdict if it is known already, without asking Hunspell.
    public func knownVerdict(_ word: String) -> Bool? { verdicts.withLock { $0[word] } }

    /// Whether `word` is correct Dutch: in the dictionary, or a compound of dictionary words.
    public func isCorrect(_ word: String) -> Bool {
        if let known = knownVerdict(word) { return known }
        let letters = Array(word)
        let verdict = inDictionary(word) || (letters.count <= Self.longestCompound && isCompound(letters, depth: 0))
        verdicts.withLock { if $0.count < Self.cacheLimit { $0[word] = verdict } }
        return verdict
    }

    /// A dictionary word or a compound of them; known tails are not looked up twice.
    private func isKnownPart(_ letters: [Character], depth: Int) -> Bool {
        let word = String(letters).lowercased()
        if let known = verdicts.withLock({ $0[word] }) { return known }
        let verdict = inDictionary(word) || isCompound(letters, depth: depth + 1)
        if depth == 0 { verdicts.withLock { if $0.count < Self.cacheLimit { $0[word] = verdict } } }
        return verdict
    }

    /// "gymdagen" = gym + dagen; "tafeltjesdiploma" = tafeltjes + diploma; "kinderboekenweek" =
    /// kinder + boeken + week. A part of three letters needs a partner of five or more ("gymdagen",
    /// "klassenpot", but not "weekent" as wee + kent); two vowels
    /// never meet at the seam, since Dutch writes those compounds with a hyphen ("zee-eend"), so
    /// "planeeten" is not plane + eten; and each split point may carry a linking s, e or en.
    private func isCompound(_ letters: [Character], depth: Int) -> Bool {
        guard depth < 2, letters.count >= 6 else { return false }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        for split in stride(from: letters.count - 3, through: 3, by: -1) {
            let head = String(letters[..<split]).lowercased()
            let tail = Array(letters[split...])
            // Short parts are where misspellings hide ("wee" + "kent"): a three-letter part needs a
            // partner of five letters or more.
            if (tail.count == 3 && head.count < 5) || (head.count == 3 && tail.count < 5) { continue }
            if let last = head.last, let first = tail.first, vowels.contains(last), vowels.contains(Character(first.lowercased())) {
                continue
            }
            guard isKnownPart(tail, depth: depth) else { continue }
            if inDictionary(head) { return true }
            for link in ["s", "e", "en"] where head.hasSuffix(link) && head.count - link.count >= 3 {
                if inDictionary(String(head.dropLast(link.count))) { return true }
            }
        }
        return false
    }

    /// Hunspell's suggestions for a misspelt word (slow: up to a second for a long word; cached).
    public func suggestions(_ word: String, limit: Int = 3) -> [String] {
        if let known = suggestionCache.withLock({ $0[word] }) { return known }
        let found: [String] = handle.withLock { handle in
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let count = Hunspell_suggest(handle.pointer, &list, word)
            defer { Hunspell_free_list(handle.pointer, &list, count) }
            guard let list, count > 0 else { return [] }
            return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
        }
        let result = Array(found.filter { $0.lowercased() != word.lowercased() }.prefix(limit))
        suggestionCache.withLock { if $0.count < Self.cacheLimit { $0[word] = result } }
        return result
    }

    /// The dictionary forms Hunspell derives `word` from with the OpenTaal affix rules: plurals and
    /// diminutives to the singular (*moslims* → *moslim*, *hondjes* → *hond*), many verb forms to the
    /// stem (*vermoordde* → *vermoord*). A word it does not know has none. Cached like the verdicts.
    public func stems(_ word: String) -> [String] {
        if let known = stemCache.withLock({ $0[word] }) { return known }
        let found: [String] = handle.withLock { handle in
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let count = Hunspell_stem(handle.pointer, &list, word)
            defer { Hunspell_free_list(handle.pointer, &list, count) }
            guard let list, count > 0 else { return [] }
            return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
        }
        let result = found.filter { $0 != word }
        stemCache.withLock { if $0.count < Self.cacheLimit { $0[word] = result } }
        return result
    }
}
