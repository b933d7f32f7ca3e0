/// How serious a finding is, and so what happens to the post. Ordered: `allow` < `warn` < `review` < `block`.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case allow, warn, review, block

    private var rank: Int {
        switch self {
        case .allow: 0
        case .warn: 1
        case .review: 2
        case .block: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The documented exit-code rule: review and block make `moderate check` exit 1.
    public var stopsPublication: Bool { self >= .review }
}

/// The verdict of a whole report is the most severe of its findings.
public typealias Verdict = Severity
