/// A named word class of the rule pack (`@group`, `@violence-verb`, …): one file per class, with what
/// it is for and where it must not fire, so that whoever extends it knows the limits.
public struct Lexicon: Sendable, Equatable {
    public var name: String
    /// What the class is for.
    public var purpose: String
    /// Where its words must not make a rule fire (the look-alikes to keep in mind).
    public var notFor: String
    /// Words and phrases in the same syntax as word lists: `kanker*` matches compounds that start with it.
    /// Word forms (plural, diminutive, conjugation) are matched through the pack's morphology.
    public var entries: [String]

    public init(name: String, purpose: String, notFor: String, entries: [String]) {
        self.name = name
        self.purpose = purpose
        self.notFor = notFor
        self.entries = entries
    }
}

/// Word classes the engine fills itself rather than from a lexicon file.
public enum BuiltinWordClass: String, CaseIterable, Sendable {
    /// A roster pupil's name, or a phrase that refers to one pupil ("een jongen uit onze klas").
    case pupil
    /// A number.
    case number
    /// An amount of money: "€ 25", "25 euro", "15,-".
    case price
    /// A failing school mark after "een": "een 3", "een 4,5", "een 5-" (below 5.5 on the Dutch 1–10 scale).
    case lowMark = "low-mark"
    /// A high school mark after "een": "een 8", "een 9,5", "een 10".
    case highMark = "high-mark"
    /// A swear word written in front of a group ("kutmarokkanen", "tyfusjoden"): a slur made on the spot.
    case groupInsult = "group-insult"
    /// A short phrase in quotation marks that ends in an infinitive and does not open with a capital
    /// ("'even bezoeken'", "'een lesje te leren'"): an everyday verb held up as a euphemism. Titles
    /// ("'Ridders en kastelen'") open with a capital; a quoted saying is longer than four words.
    case scareQuote = "scare-quote"
}
