/// Something a rule found, before it becomes a `Finding`.
struct Hit {
    var spans: [Span]
    /// Extra words for the message, per language ("groep-5b has 4 posts this week").
    var detail: LocalizedText?
    /// Lowers the severity to at most this (a possible name is reviewed, not blocked).
    var severityCap: Severity?
    /// The pattern that matched, for a pattern rule.
    var pattern: String?
}

/// The outcome of one rule on one post.
enum RuleOutcome {
    case none
    case found([Hit])
    case skipped(reason: LocalizedText)
}
