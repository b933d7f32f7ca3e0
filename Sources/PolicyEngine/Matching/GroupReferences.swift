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
        "mannen", "tuig", "gespuis", "leerlingen", "klas", "klassen", "buurt", "wijk",
    ]
    /// Swear words that are written in front of a group: the compound is the group, insulted.
    static let swearPrefixes = ["kut", "tyfus", "kanker", "kk", "tering", "klere", "rot", "vuile", "kolere", "pest"]
    /// Pronouns that take up the group of the sentence before.
    static let pronouns: Set<String> = ["die", "ze", "zij", "deze", "hun", "dat volk"]
    /// How many words into the next sentence a pronoun may stand.
    static let pronounReach = 3

    init(groupWords: Set<String>) { self.groupWords = groupWords }

    var isEmpty: Bool { groupWords.isEmpty }

    /// Whether `word` (canonical) is a compound that names a group.
    func isGroupCompound(_ word: String) -> Bool {
        guard word.utf8.count >= 7, !groupWords.contains(word) else { return false }
        for head in Self.heads where word.hasSuffix(head) {
            var first = String(word.dropLast(head.count))
            guard first.count >= 3 else { continue }
            if groupWords.contains(first) { return true }
            // The linking s or e: "moslimskinderen" is rare, "allochtonekinderen" happens.
            if first.hasSuffix("s") || first.hasSuffix("e") {
                first.removeLast()
                if first.count >= 3, groupWords.contains(first) { return true }
            }
        }
        for prefix in Self.swearPrefixes where word.hasPrefix(prefix) {
            let rest = String(word.dropFirst(prefix.count))
            if rest.count >= 3, groupWords.contains(rest) { return true }
        }
        return false
    }
}
