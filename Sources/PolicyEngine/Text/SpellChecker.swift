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
    /// Verdicts on compound parts, kept apart: a part is judged more strictly than a whole word (no
    /// two-short-words compound inside), and a word's verdict must not depend on whether it was seen
    /// as a part first.
    private let partVerdicts = Mutex<[String: Bool]>([:])
    private let suggestionCache = Mutex<[String: [String]]>([:])
    private let stemCache = Mutex<[String: [String]]>([:])
    /// The affix file's replacement table (`REP` lines).
    private let replacements: [Replacement]
    /// Where suggestions come from: OpenTaal's full word list, loaded when first needed.
    private let wordList: @Sendable () -> Set<String>?
    /// The caches stop growing here (a hostile stream of made-up words must not fill the memory).
    static let cacheLimit = 200_000

    public init?(affix: String, dictionary: String, wordList: @escaping @Sendable () -> Set<String>? = { SpellChecker.dutchWords }) {
        guard let affixes = FileManager.default.contents(atPath: affix), FileManager.default.fileExists(atPath: dictionary),
            let pointer = Hunspell_create(affix, dictionary)
        else { return nil }
        handle = Mutex(Handle(pointer: pointer))
        replacements = String(decoding: affixes, as: UTF8.self).split(separator: "\n").compactMap(Replacement.init(line:))
        self.wordList = wordList
    }

    deinit { handle.withLock { Hunspell_destroy($0.pointer) } }

    /// Whether Hunspell knows the word as it is, not as a compound (not cached).
    func isInDictionary(_ word: String) -> Bool {
        handle.withLock { Hunspell_spell($0.pointer, word) != 0 }
    }

    /// Whether OpenTaal lists the word as it is (a set lookup; Hunspell when the list is missing).
    func isListed(_ word: String) -> Bool {
        guard let words = wordList() else { return isInDictionary(word) }
        return words.contains(word)
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
        let verdict =
            isInDictionary(word)
            || (letters.count <= Self.longestCompound && isCompound(letters, depth: 0) && !isSlip(of: letters))
        verdicts.withLock { if $0.count < Self.cacheLimit { $0[word] = verdict } }
        return verdict
    }

    /// Whether a word that splits into dictionary words is really a known word with a letter
    /// forgotten or two neighbours swapped: *boederij* is *boede* + *rij*, but first of all
    /// *boerderij* without its r. A compound a teacher makes up is seldom one slip from a listed word.
    /// Two more slips hide this way: the d/t at the end (*gespeelt* is *gesp* + *eelt*, but first of
    /// all *gespeeld*) and a letter too many before the ending (*zonnenschijn*, *zonneschijn*).
    private func isSlip(of letters: [Character]) -> Bool {
        guard let words = wordList() else { return false }
        let lower = letters.map { Character($0.lowercased()) }
        if let last = lower.last, last == "t" || last == "d" {
            var other = lower
            other[other.count - 1] = last == "t" ? "d" : "t"
            if words.contains(String(other)) { return true }
        }
        // Not in the ending, where one letter more is an inflection (*meefietsten*, *meefietsen*).
        for index in lower.indices.dropFirst().dropLast(3) {
            var shorter = lower
            shorter.remove(at: index)
            if words.contains(String(shorter)), !swapsLastPart(lower, for: Array(shorter)) { return true }
        }
        // A letter forgotten inside the word: the first and last letters are seldom the ones.
        return Self.forEachSlipRepair(of: lower, insertingAt: 1..<lower.count) {
            words.contains($0) && !swapsLastPart(lower, for: Array($0))
        }
    }

    /// Whether the listed word differs from the compound only in its last part, and both last parts are
    /// words of five letters or more after a first part of four or more (*her* + *stelen* is still
    /// *herstellen* misspelt): *kindermesjes* is kinder + mesjes, not *kindermeisjes* with a
    /// letter forgotten; the writer chose the word.
    private func swapsLastPart(_ letters: [Character], for listed: [Character]) -> Bool {
        var common = 0
        while common < min(letters.count, listed.count), letters[common] == listed[common] { common += 1 }
        for split in stride(from: min(common, letters.count - 5), through: 4, by: -1) {
            let ownPart = String(letters[split...]), listedPart = String(listed[split...])
            guard ownPart.count >= 5, listedPart.count >= 5, isInDictionary(ownPart), isInDictionary(listedPart) else { continue }
            if isFirstPart(String(letters[..<split])) { return true }
        }
        return false
    }

    /// A compound's first part: a dictionary word, or one with a linking s, e, en or er after a word of
    /// four letters or more ("klassen" + "pot", "kinder" + "boeken").
    private func isFirstPart(_ head: String) -> Bool {
        if isInDictionary(head) { return true }
        // "kinder" + "mesjes", "eier" + "dooier", "runder" + "lapje": the old plural in -er links too.
        return ["s", "e", "en", "er"].contains { link in
            head.hasSuffix(link) && head.count - link.count >= 4 && isInDictionary(String(head.dropLast(link.count)))
        }
    }

    /// Calls `body` with each word that undoes one slip of the keyboard in `letters`: two different
    /// neighbours swapped back, then a forgotten letter put in at each place of `insertions`. Stops as
    /// soon as `body` returns true, and says whether it did.
    @discardableResult
    static func forEachSlipRepair(of letters: [Character], insertingAt insertions: Range<Int>, _ body: (String) -> Bool) -> Bool {
        for index in letters.indices.dropLast() where letters[index] != letters[index + 1] {
            var swapped = letters
            swapped.swapAt(index, index + 1)
            if body(String(swapped)) { return true }
        }
        for index in insertions {
            for letter in alphabet {
                var longer = letters
                longer.insert(letter, at: index)
                if body(String(longer)) { return true }
            }
        }
        return false
    }

    /// A dictionary word or a compound of them; known tails are not looked up twice.
    private func isKnownPart(_ letters: [Character], depth: Int) -> Bool {
        let word = String(letters).lowercased()
        // Verdicts are kept for parts read at the top level only, where one more split is allowed: a
        // part read deeper may not split again, so a kept verdict would make the answer depend on
        // which words the process happened to see first.
        if depth == 0, let known = partVerdicts.withLock({ $0[word] }) { return known }
        let verdict = isInDictionary(word) || isCompound(letters, depth: depth + 1)
        if depth == 0 { partVerdicts.withLock { if $0.count < Self.cacheLimit { $0[word] = verdict } } }
        return verdict
    }

    /// "gymdagen" = gym + dagen; "tafeltjesdiploma" = tafeltjes + diploma; "kinderboekenweek" =
    /// kinder + boeken + week. A part of three letters needs a partner of four or more ("gymdagen",
    /// "eettijd", "ruilrek"), or of three ("gymdag"); "weekent", wee + kent, is still caught as a
    /// slip of "weekend" (see `isSlip`); two vowels
    /// never meet at the seam, since Dutch writes those compounds with a hyphen ("zee-eend"), so
    /// "planeeten" is not plane + eten; and each split point may carry a linking s, e, en or er.
    static let functionWords: Set<String> = [
        "ten", "den", "ter", "der", "des", "het", "een", "aan", "van", "met", "dat", "wat", "die", "dan", "als", "toe", "tot", "uit",
    ]

    private func isCompound(_ letters: [Character], depth: Int) -> Bool {
        guard depth < 2, letters.count >= 6 else { return false }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        for split in stride(from: letters.count - 3, through: 3, by: -1) {
            let head = String(letters[..<split]).lowercased()
            let tail = Array(letters[split...])
            // Short parts are where misspellings hide ("wee" + "kent"): a three-letter part needs a
            // partner of four letters or more.
            // Two three-letter words make a short compound of their own ("gymdag").
            let twoShort = depth == 0 && head.count == 3 && tail.count == 3
            if !twoShort, (tail.count == 3 && head.count < 4) || (head.count == 3 && tail.count < 4) { continue }
            if let last = head.last, let first = tail.first, vowels.contains(last), vowels.contains(Character(first.lowercased())) {
                continue
            }
            // A compound ends in a noun or verb, never a short function word ("plane" + "ten").
            if Self.functionWords.contains(String(tail).lowercased()) { continue }
            guard isKnownPart(tail, depth: depth) else { continue }
            if isFirstPart(head) { return true }
        }
        return false
    }

    /// Up to `limit` corrections for a misspelt word: the words of OpenTaal's word list (Debian's
    /// `wdutch`) that Hunspell's replacement table (the `REP` lines of `nl.aff`: *ij*/*ei*, *dt*/*d*,
    /// *c*/*k*, …) or one edit (a letter dropped, added, changed, or two neighbours swapped) turns the
    /// word into. A few hundred set lookups: microseconds, where Hunspell's own `suggest` takes 100 to
    /// 400 ms a word with this dictionary. Without the word list Hunspell's `suggest` is asked (slow).
    public func suggestions(_ word: String, limit: Int = 3) -> [String] {
        if let known = suggestionCache.withLock({ $0[word] }) { return known }
        let result: [String]
        if let words = wordList() {
            result = Self.corrections(of: word, in: words, replacements: replacements, limit: limit)
        } else {
            let found = hunspellList(word) { Hunspell_suggest($0, $1, $2) }
            result = Array(found.filter { $0.lowercased() != word.lowercased() }.prefix(limit))
        }
        suggestionCache.withLock { if $0.count < Self.cacheLimit { $0[word] = result } }
        return result
    }

    /// The word list's words the replacement table or one edit makes of `word`, in that order.
    static func corrections(of word: String, in words: Set<String>, replacements: [Replacement], limit: Int) -> [String] {
        let capitalized = word.first?.isUppercase == true
        let lower = word.lowercased()
        var found: [String] = []
        // A capitalised word may be a name ("Morgan" for "Morgn"), but an ordinary word comes first.
        var names: [String] = []
        func consider(_ candidate: String) {
            guard found.count < limit, candidate != lower, !found.contains(candidate) else { return }
            if words.contains(candidate) {
                found.append(candidate)
            } else if capitalized, words.contains(candidate.capitalizedFirst), !names.contains(candidate) {
                names.append(candidate)
            }
        }
        for replacement in replacements { replacement.apply(to: lower, consider) }
        let letters = Array(lower)
        // Swapped neighbours first, the commonest slip of the keyboard; then a forgotten letter, an
        // extra one, a wrong one.
        forEachSlipRepair(of: letters, insertingAt: 0..<letters.count + 1) {
            consider($0)
            return false
        }
        for index in letters.indices {
            var shorter = letters
            shorter.remove(at: index)
            consider(String(shorter))
        }
        for index in letters.indices {
            for letter in Self.alphabet where letter != letters[index] {
                var changed = letters
                changed[index] = letter
                consider(String(changed))
            }
        }
        found = Array((found + names).prefix(limit))
        return capitalized ? found.map(\.capitalizedFirst) : found
    }

    static let alphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyzëéèïöüá")

    /// One line of the affix file's replacement table: `REP ij ei`, `^` and `$` anchor the text.
    struct Replacement: Sendable {
        let from: String
        let to: String
        let atStart: Bool
        let atEnd: Bool

        /// `REP from to` (comments after a tab or `#`); nil for other lines and for replacements
        /// that make two words (`_`).
        init?(line: Substring) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 3, fields[0] == "REP", !fields[2].hasPrefix("#") else { return nil }
            var from = String(fields[1])
            var to = String(fields[2])
            guard !to.contains("_"), !from.contains("_") else { return nil }
            atStart = from.hasPrefix("^")
            atEnd = from.hasSuffix("$")
            if atStart { from.removeFirst() }
            if atEnd { from.removeLast() }
            if to.hasSuffix("$") { to.removeLast() }
            if to.hasPrefix("^") { to.removeFirst() }
            guard !from.isEmpty else { return nil }
            // The table writes the ligature ĳ where posts and the word list write i + j.
            self.from = from.lowercased().replacingOccurrences(of: "ĳ", with: "ij")
            self.to = to.lowercased().replacingOccurrences(of: "ĳ", with: "ij")
        }

        /// Every way this replacement rewrites `word` at one place.
        func apply(to word: String, _ body: (String) -> Void) {
            var searchStart = word.startIndex
            while let range = word.range(of: from, range: searchStart..<word.endIndex) {
                if (!atStart || range.lowerBound == word.startIndex) && (!atEnd || range.upperBound == word.endIndex) {
                    body(word.replacingCharacters(in: range, with: to))
                }
                guard range.lowerBound < word.endIndex else { break }
                searchStart = word.index(after: range.lowerBound)
            }
        }
    }

    /// OpenTaal's word list with every inflected form (Debian's `wdutch`), read on first use; nil when
    /// it is not installed.
    public static let dutchWords: Set<String>? = {
        guard let data = FileManager.default.contents(atPath: "/usr/share/dict/dutch") else { return nil }
        var words = Set<String>(minimumCapacity: 420_000)
        data.withUnsafeBytes { bytes in
            for line in bytes.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                words.insert(String(decoding: UnsafeRawBufferPointer(rebasing: line), as: UTF8.self))
            }
        }
        return words.isEmpty ? nil : words
    }()

    /// The list of words a Hunspell call (`Hunspell_suggest`, `Hunspell_stem`) gives for `word`, freed
    /// again; one call at a time, as Hunspell wants.
    private func hunspellList(
        _ word: String,
        _ call: (OpaquePointer, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, UnsafePointer<CChar>) -> Int32
    ) -> [String] {
        handle.withLock { handle in
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let count = word.withCString { call(handle.pointer, &list, $0) }
            defer { Hunspell_free_list(handle.pointer, &list, count) }
            guard let list, count > 0 else { return [] }
            return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
        }
    }

    /// The dictionary forms Hunspell derives `word` from with the OpenTaal affix rules: plurals and
    /// diminutives to the singular (*moslims* → *moslim*, *hondjes* → *hond*), many verb forms to the
    /// stem (*vermoordde* → *vermoord*). A word it does not know has none. Cached like the verdicts.
    public func stems(_ word: String) -> [String] {
        if let known = stemCache.withLock({ $0[word] }) { return known }
        let result = hunspellList(word) { Hunspell_stem($0, $1, $2) }.filter { $0 != word }
        stemCache.withLock { if $0.count < Self.cacheLimit { $0[word] = result } }
        return result
    }
}

extension String {
    /// The word with its first letter in capitals ("hygiëne" → "Hygiëne").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
