/// Two ways Dutch names a group without a lexicon word standing alone: a compound whose first part
/// is the group ("moslimkinderen", "vluchtelingengezinnen", "homostellen") or whose first part is a
/// swear word ("kutmarokkanen", "tyfusturken"), and a pronoun that opens the sentence after one
/// about the group ("… die Polen. Die horen hier niet."). Both count as the `group` word class.
struct GroupReferences: Sendable {
    /// Single-word entries of the `group` lexicon (canonical form).
    private let groupWords: Set<String>

    /// Words for people that make a compound about the group its first part names.
    static let heads = [
        "kinderen", "kindje", "kindjes", "kind", "ouders", "moeders", "moeder", "vaders", "vader", "gezinnen", "gezin",
        "jongens", "jongen", "meisjes", "meisje", "mensen", "volk", "stellen", "stel", "families", "familie", "vrouwen",
        "mannen", "tuig", "gespuis", "leerlingen", "klas", "klassen", "buurt", "wijk", "gedoe", "toestand", "gezeur", "gezeik",
        "propaganda", "onzin", "lobby",
    ]
    /// Swear words that are written in front of a group: the compound is the group, insulted.
    static let swearPrefixes = [
        "kut", "tyfus", "kanker", "kk", "tering", "klere", "klote", "rot", "vuile", "kolere", "pest", "fucking", "shit", "godverdomme",
        "tyfes", "pleuris", "teringse",
    ]
    /// Group words that, sworn at, mostly insult one person or a few ("die kutwijven bij het hek"):
    /// the abuse rules see those, not the discrimination rules.
    static let personalInsults: Set<String> = ["wijven", "wijfjes", "meiden", "vrouwen"]
    /// Pronouns that take up the group of the sentence before.
    static let pronouns: Set<String> = ["die", "ze", "zij", "deze", "hun", "dat", "het"]
    /// "Dat" and "het" take up people only before a plural verb ("Dat zijn dieven", "Het zijn
    /// gestoorde figuren"); "Dat is walgelijk" is about what was said.
    static let neuterPronouns: Set<String> = ["dat", "het"]
    static let pluralVerbs: Set<String> = [
        "zijn", "waren", "horen", "moeten", "kunnen", "willen", "hebben", "doen", "gaan", "blijven", "worden", "zouden", "mogen",
    ]

    /// Whether the pronoun at `index` may stand for people (see `neuterPronouns`).
    static func takesUpPeople(_ tokens: [Token], at index: Int) -> Bool {
        guard neuterPronouns.contains(tokens[index].canonical) else { return true }
        return index + 1 < tokens.count && pluralVerbs.contains(tokens[index + 1].canonical)
    }
    /// Words that open a clause whose pronoun may take up a group named earlier in the sentence.
    static let clauseConjunctions: Set<String> = ["en", "maar", "dat", "want", "omdat", "dus", "terwijl", "zodat", "als", "toch"]
    /// Pronouns that take up the one pupil of the sentence before.
    static let pupilPronouns: Set<String> = ["hij", "ze", "zij", "haar", "zijn"]
    /// Pronouns that take up a pupil named earlier in the same sentence, after a comma: "… dat Jesse
    /// nog mee mag, hij verstoort alles".
    static let pupilPronounsWithinSentence: Set<String> = ["hij", "zij"]
    /// How many words into the next sentence a pronoun may stand.
    static let pronounReach = 3
    /// How far into the next sentence a pronoun may take up the pupil: one word more, for the
    /// inverted clause that opens on a time ("Elke dag vergeet hij …").
    static let pupilPronounReach = 4

    init(groupWords: Set<String>) { self.groupWords = groupWords }

    var isEmpty: Bool { groupWords.isEmpty }

    private static let headBytes = heads.map { Array($0.utf8) }
    private static let swearBytes = swearPrefixes.map { Array($0.utf8) }

    /// Whether `word` (canonical) is a compound that names a group. Compares bytes: this runs for
    /// every word no lexicon knows.
    func isGroupCompound(_ word: String) -> Bool {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        bytes.append(contentsOf: word.utf8)
        guard bytes.count >= 7 else { return false }
        func isGroup(_ part: ArraySlice<UInt8>) -> Bool {
            part.count >= 3 && groupWords.contains(String(decoding: part, as: UTF8.self))
        }
        func isCompound() -> Bool {
            for head in Self.headBytes where bytes.count > head.count && bytes[(bytes.count - head.count)...].elementsEqual(head) {
                let first = bytes[..<(bytes.count - head.count)]
                if isGroup(first) { return true }
                // The linking s or e: "moslimskinderen" is rare, "allochtonekinderen" happens.
                if let last = first.last, last == UInt8(ascii: "s") || last == UInt8(ascii: "e"), isGroup(first.dropLast()) { return true }
            }
            return swornAtGroup(bytes) != nil
        }
        // A lexicon word itself is not a compound of one.
        return isCompound() && !groupWords.contains(word)
    }

    /// Whether `word` (canonical) is a swear word written in front of a group ("kutmarokkanen",
    /// "tyfusjoden", "kankertransgenders"): a slur made on the spot, hostile by itself.
    func isInsultingCompound(_ word: String) -> Bool {
        guard word.utf8.count >= 7, let group = swornAtGroup(Array(word.utf8)) else { return false }
        return !Self.personalInsults.contains(group)
    }

    /// The group word after a swear-word prefix ("kut" + "marokkanen"), if the word is one.
    private func swornAtGroup(_ bytes: [UInt8]) -> String? {
        for prefix in Self.swearBytes where bytes.count >= prefix.count + 3 && bytes.starts(with: prefix) {
            let rest = String(decoding: bytes[prefix.count...], as: UTF8.self)
            if groupWords.contains(rest) { return rest }
        }
        return nil
    }
}
