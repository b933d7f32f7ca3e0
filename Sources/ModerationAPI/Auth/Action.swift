import PolicyEngine

/// What a role may do, following the agreements: teachers check and post in their own groups and
/// never see the review queue; parents only comment; the directie reviews and removes; the
/// administration keeps consent (teachers may read it for their own groups). Finer checks (own group, own post) happen in the handlers.
enum Action: CaseIterable, CustomStringConvertible {
    case check, submit, readReviews, decideReviews, removePost, readConsent, writeConsent, readAuthorHistory

    var allowed: Set<Post.Role> {
        switch self {
        case .check: [.teacher, .directie]
        case .submit: [.teacher, .directie, .parent]
        case .readReviews, .decideReviews, .readAuthorHistory: [.directie]
        case .removePost: [.teacher, .directie]
        case .readConsent: [.teacher, .directie, .admin]
        case .writeConsent: [.admin]
        }
    }

    var description: String {
        switch self {
        case .check: "check posts"
        case .submit: "submit posts"
        case .readReviews: "see the review queue"
        case .decideReviews: "decide on reviews"
        case .removePost: "remove posts"
        case .readConsent: "read consent"
        case .writeConsent: "record consent"
        case .readAuthorHistory: "see an author's history"
        }
    }
}
