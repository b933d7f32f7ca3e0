/// A pattern rule's sentence shape, written as slots separated by spaces (spaCy's Matcher and Semgrep
/// read the same way):
///
/// - `@group` — a word of the word class `group` (a lexicon file or a built-in class);
/// - `horen` — that literal word (its forms through the morphology); `horen|hoort` alternatives;
/// - `?@intensifier` — an optional slot;
/// - `...3` — a gap of up to three words of any kind.
///
/// All slots must fall inside one sentence.
public struct SlotPattern: Sendable, Equatable {
    public enum Test: Sendable, Hashable {
        case wordClass(String)
        case literal(String)
        /// Any one word (a gap is made of optional ones).
        case any
    }

    public struct Slot: Sendable, Equatable {
        public var tests: [Test]
        public var optional: Bool
        /// Gap slots do not become spans of the finding.
        public var isGap: Bool { tests == [.any] }
    }

    public var name: String
    public var source: String
    public var slots: [Slot]

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case badGap(String)
        case emptyAlternative(String)
        case startsWithGap
        case endsWithGap
        case onlyOptional

        public var description: String {
            switch self {
            case .empty: "the pattern has no slots"
            case .badGap(let slot): "'\(slot)' is not a gap; write ...N with N from 1 to 8"
            case .emptyAlternative(let slot): "'\(slot)' has an empty alternative"
            case .startsWithGap: "a pattern cannot start with a gap"
            case .endsWithGap: "a pattern cannot end with a gap"
            case .onlyOptional: "a pattern needs at least one slot that is not optional"
            }
        }
    }

    public static let maxGap = 8

    public init(name: String, source: String) throws {
        self.name = name
        self.source = source
        var slots: [Slot] = []
        for part in source.split(whereSeparator: \.isWhitespace).map(String.init) {
            if part.hasPrefix("...") {
                guard let count = Int(part.dropFirst(3)), (1...Self.maxGap).contains(count) else { throw ParseError.badGap(part) }
                slots.append(contentsOf: repeatElement(Slot(tests: [.any], optional: true), count: count))
                continue
            }
            let optional = part.hasPrefix("?")
            let body = optional ? String(part.dropFirst()) : part
            var tests: [Test] = []
            for alternative in body.split(separator: "|", omittingEmptySubsequences: false).map(String.init) {
                guard !alternative.isEmpty else { throw ParseError.emptyAlternative(part) }
                if alternative.hasPrefix("@") {
                    tests.append(.wordClass(String(alternative.dropFirst())))
                } else {
                    // Multi-word literals are written with underscores: "in_elkaar".
                    tests.append(.literal(alternative.replacingOccurrences(of: "_", with: " ")))
                }
            }
            slots.append(Slot(tests: tests, optional: optional))
        }
        guard !slots.isEmpty else { throw ParseError.empty }
        guard !slots[0].isGap else { throw ParseError.startsWithGap }
        guard !slots[slots.count - 1].isGap else { throw ParseError.endsWithGap }
        guard slots.contains(where: { !$0.optional }) else { throw ParseError.onlyOptional }
        self.slots = slots
    }
}

/// Guards keep a pattern from firing where the words are there but the meaning is not.
public enum PatternGuard: String, CaseIterable, Sendable {
    /// A negation ("niet", "geen", "nooit") before or inside the match that is not part of a slot's own
    /// words: "Moslims zijn geen terroristen".
    case negation
    /// The words are quoted, reported or opposed: inside quotation marks, or in a sentence (or the one
    /// next to it) with a word of the `counter-speech` class ("riep", "accepteren we niet").
    case counterSpeech = "counter-speech"
}

/// How far a pattern's match may reach.
public enum PatternScope: String, CaseIterable, Sendable {
    /// All slots in one sentence (the default: a sentence is a statement).
    case sentence
    /// Slots may lie in neighbouring sentences (an advert: "Kinderfeestjes op de boerderij! €12,50
    /// per kind. Interesse? Stuur me een berichtje."); the gaps still bound the distance.
    case post
}

/// The matcher of a pattern rule.
public struct PatternList: Sendable, Equatable {
    public var patterns: [SlotPattern]
    public var guards: Set<PatternGuard>
    public var scope: PatternScope = .sentence
    /// Word classes that call the sentence off when one of their words is in it (`@school-activity`:
    /// the school's own fair is not a commercial offer).
    public var unlessClasses: [String]
    /// Word classes of which at least one must stand in the match's sentence or the one on either
    /// side (`@wink-emoji`: "mag ik ook nablijven? 😉" is innuendo, "mag ik ook nablijven?" is not).
    public var requiredClasses: [String] = []
    /// Categories of which another rule's finding must mark a word of the match's sentence (`threat`:
    /// a threat whose sentence names a group is also discrimination). Such rules run after the others
    /// and see only their findings.
    public var requiredFindings: [Category] = []
    public init(patterns: [SlotPattern], guards: Set<PatternGuard>, unlessClasses: [String] = []) {
        self.patterns = patterns
        self.guards = guards
        self.unlessClasses = unlessClasses
    }
}
