/// A span of the original text in Unicode scalar offsets, end exclusive.
public struct Span: Codable, Sendable, Equatable, Hashable, Comparable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
    func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }
}

/// One broken agreement found in a post.
public struct Finding: Codable, Sendable, Equatable {
    public var rule: String
    public var category: Category
    public var severity: Severity
    public var message: String
    public var agreement: String
    /// Extension: how to repair the post.
    public var fix: String?
    public var spans: [Span]
    public var excerpt: String?
    /// Extension: threats are passed on to the school's contact, not only blocked.
    public var escalate: Bool?
    /// Extension: the name of the sentence pattern that matched (pattern rules only); `spans` then
    /// hold its slots' words (the group word and the predicate, say).
    public var pattern: String?

    public init(
        rule: String, category: Category, severity: Severity, message: String, agreement: String,
        fix: String? = nil, spans: [Span] = [], excerpt: String? = nil, escalate: Bool? = nil, pattern: String? = nil
    ) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.agreement = agreement
        self.fix = fix
        self.spans = spans
        self.excerpt = excerpt
        self.escalate = escalate
        self.pattern = pattern
    }
}

/// A rule that could not run, and why (e.g. no roster: pupil names cannot be recognised).
public struct SkippedRule: Codable, Sendable, Equatable {
    public var rule: String
    public var reason: String
    public init(rule: String, reason: String) {
        self.rule = rule
        self.reason = reason
    }
}

/// A flag of the post that was not honoured: unknown, or set by someone who may not set it.
public struct IgnoredFlag: Codable, Sendable, Equatable {
    public var flag: String
    public var reason: String
    public init(flag: String, reason: String) {
        self.flag = flag
        self.reason = reason
    }
}

/// The output half of the check contract.
public struct Report: Codable, Sendable, Equatable {
    public var id: String?
    public var verdict: Verdict
    public var findings: [Finding]
    /// Extension: rules switched off because the context lacked what they need.
    public var skipped: [SkippedRule]?
    /// Extension: flags the rules did not honour, and why (so nobody thinks they took effect).
    public var ignoredFlags: [IgnoredFlag]?

    public init(id: String?, findings: [Finding], skipped: [SkippedRule] = [], ignoredFlags: [IgnoredFlag] = []) {
        self.id = id
        self.findings = findings
        self.verdict = findings.map(\.severity).max() ?? .allow
        self.skipped = skipped.isEmpty ? nil : skipped
        self.ignoredFlags = ignoredFlags.isEmpty ? nil : ignoredFlags
    }
}
