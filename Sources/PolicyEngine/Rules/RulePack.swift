/// The school-wide settings a pack (or a school's override) gives the context checks.
public struct PackPolicy: Sendable, Equatable {
    /// Seed 004: each school decides whether parents may react to posts.
    public var parentsMayComment: Bool = true
    /// Seed 004: "in principle one to three posts per group per week".
    public var maxPostsPerWeek: Int = 3
    /// Hours that replace the context's hours (a school's override sets them).
    public var hours: SchoolContext.Hours?
    /// Who may set each post flag. A flag switches rules off (`curriculum` the political and
    /// religious rules, `excursion` the lesson-hours rule), so it is policy, not a free switch:
    /// by default only staff who write posts may set them. A flag not listed here is unknown.
    public var flagRoles: [String: Set<Post.Role>] = ["excursion": [.teacher, .directie], "curriculum": [.teacher, .directie]]
}

/// The agreement text and default severity of a category.
public struct CategoryInfo: Sendable, Equatable {
    public var severity: Severity
    public var agreement: LocalizedText
}

/// A loaded rule pack: the KONOT base pack, possibly with a school's overrides applied.
public struct RulePack: Sendable {
    public var id: String
    public var name: String
    public var version: String
    public var categories: [Category: CategoryInfo]
    public var rules: [Rule]
    /// Phrases that are never a finding for any word-list rule ("KWF kankerbestrijding").
    public var exceptions: [String]
    /// Phrases that refer to one pupil without naming them ("uw zoon", "een leerling").
    public var pupilReferences: [String]
    /// First names that are also ordinary words (Roos, Mees, Lieve): only a capitalised use mid-sentence
    /// counts as the name.
    public var ambiguousNames: Set<String>
    public var policy: PackPolicy
    /// The school the rule examples are checked against.
    public var exampleContext: SchoolContext
    /// Overrides applied on top of the base pack, in order (for `rules list`).
    public var appliedOverrides: [String] = []
    /// The word classes pattern rules are written over (one `lexicon-<class>.yaml` file each).
    public var lexicons: [String: Lexicon] = [:]

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
