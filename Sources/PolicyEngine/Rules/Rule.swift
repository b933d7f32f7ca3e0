/// What makes a rule fire.
public enum RuleMatcher: Sendable {
    /// Words and phrases of a word list, minus its exceptions.
    case terms(TermList)
    /// A scanner for personal data (BSN, IBAN, phone, …).
    case detector(DetectorKind)
    /// A check of the post against the school context (consent, audience, hours, frequency).
    case check(ContextCheckKind)
    /// Sentence shapes over word classes and literal words (see `SlotPattern`).
    case patterns(PatternList)
}

public struct TermList: Sendable, Equatable {
    public var terms: [String]
    public var exceptions: [String]
    public init(terms: [String], exceptions: [String] = []) {
        self.terms = terms
        self.exceptions = exceptions
    }
}

/// The checks that read the school context rather than the words of a post.
public enum ContextCheckKind: String, CaseIterable, Sendable {
    case imageConsent = "image-consent"
    case nameConsent = "name-consent"
    case individualChild = "individual-child"
    case audience
    case teacherReply = "teacher-reply"
    case workingHours = "working-hours"
    case frequency
    /// Correct Dutch (Hunspell with the OpenTaal dictionary).
    case spelling
    /// Only the words the dictionary lacks that are a verb with its d and t mixed up (*klaagd*,
    /// *gebelt*, *stondt*): the part of the spelling check precise enough for parents' comments.
    case verbSlips = "verb-slips"
}

/// A condition that limits where a word-list rule fires.
public enum NearCondition: String, Sendable, CaseIterable {
    /// Only in a sentence that also names a pupil or refers to one ("een leerling", "uw zoon").
    case pupil
}

/// Which posts a rule looks at. Nil means all.
public struct Applicability: Sendable, Equatable {
    public var kinds: Set<Post.Kind>?
    public var roles: Set<Post.Role>?
    public var channels: Set<Post.Channel>?

    public init(kinds: Set<Post.Kind>? = nil, roles: Set<Post.Role>? = nil, channels: Set<Post.Channel>? = nil) {
        self.kinds = kinds
        self.roles = roles
        self.channels = channels
    }

    func applies(to post: Post) -> Bool {
        if let kinds, !kinds.contains(post.kind) { return false }
        if let channels, !channels.contains(post.channel) { return false }
        if let roles {
            guard let role = post.author?.role, roles.contains(role) else { return false }
        }
        return true
    }
}

extension [Applicability] {
    func applies(to post: Post) -> Bool { isEmpty || contains { $0.applies(to: post) } }
}

/// Where something was written in the rule pack, for error messages and test reports.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// A post from the rule pack that the rule must (or must not) fire on.
public struct RuleExample: Sendable {
    public var post: Post
    public var location: SourceLocation
}

/// One agreement made executable. Rules are data: they come from the YAML rule pack.
public struct Rule: Sendable {
    public var id: String
    public var category: Category
    public var severity: Severity
    public var message: LocalizedText
    public var fix: LocalizedText?
    public var agreement: LocalizedText
    public var matcher: RuleMatcher
    public var near: NearCondition?
    /// Alternatives: the rule looks at a post when any of them applies (none: every post).
    public var appliesTo: [Applicability]
    /// The rule does not apply to posts carrying one of these flags (e.g. `curriculum`, `excursion`).
    public var unlessFlags: [String]
    public var escalate: Bool
    public var enabled: Bool
    public var mustFire: [RuleExample]
    public var mustNotFire: [RuleExample]
    public var location: SourceLocation
}
