import Foundation

/// A school context made ready for many checks: look-up tables for names, groups and history are
/// built once, not per post.
public final class PreparedContext: Sendable {
    public let context: SchoolContext
    let identity: SchoolIdentity
    let zone: TimeZone
    let hours: SchoolContext.Hours?
    let groups: [String: SchoolContext.Group]
    let staff: [String: SchoolContext.Staff]
    let parents: [String: SchoolContext.Parent]
    let pupils: [String: SchoolContext.Pupil]
    let roster: [SchoolContext.Pupil]
    /// Folded first name → indexes into `roster`.
    let firstNames: [String: [Int]]
    /// A quick "could this word be a first name?" test by first byte and length, so most words of a
    /// post need no dictionary look-up.
    let nameShapes: [Bool]
    /// Folded last-name words per pupil ("de vries" → ["de", "vries"]).
    let lastNames: [[String]]
    /// Every word of the names of pupils, staff, parents, groups and the school (folded): the
    /// spelling check leaves them alone.
    let nameWords: Set<String>
    /// Group id → (ISO year, ISO week, post id) of earlier posts, in the school's time zone.
    let history: [String: [(year: Int, week: Int, id: String?)]]

    /// The same school with another post history: a server keeps the roster prepared and reads only
    /// the group's recent posts per check.
    public func replacingHistory(_ entries: [SchoolContext.HistoryEntry]) -> PreparedContext {
        PreparedContext(copying: self, history: entries)
    }

    private init(copying other: PreparedContext, history entries: [SchoolContext.HistoryEntry]) {
        var context = other.context
        context.history = entries
        self.context = context
        identity = other.identity
        zone = other.zone
        hours = other.hours
        groups = other.groups
        staff = other.staff
        parents = other.parents
        pupils = other.pupils
        roster = other.roster
        firstNames = other.firstNames
        nameShapes = other.nameShapes
        lastNames = other.lastNames
        nameWords = other.nameWords
        history = Self.weeks(entries, zone: other.zone)
    }

    private static func weeks(_ entries: [SchoolContext.HistoryEntry], zone: TimeZone) -> [String: [(year: Int, week: Int, id: String?)]] {
        var history: [String: [(year: Int, week: Int, id: String?)]] = [:]
        for entry in entries {
            guard let seconds = LocalTime.parseISO8601(entry.postedAt) else { continue }
            let time = LocalTime(epochSeconds: seconds, zone: zone)
            history[entry.group, default: []].append((time.isoYear, time.isoWeek, entry.id))
        }
        return history
    }

    init(_ context: SchoolContext, policy: PackPolicy) {
        self.context = context
        identity = SchoolIdentity(context.school)
        let zone = context.school?.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Europe/Amsterdam")!
        self.zone = zone
        hours = policy.hours ?? context.hours
        groups = Dictionary((context.groups ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        staff = Dictionary((context.staff ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        parents = Dictionary((context.parents ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let roster = context.pupils ?? []
        self.roster = roster
        pupils = Dictionary(roster.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var firstNames: [String: [Int]] = [:]
        var lastNames: [[String]] = []
        for (index, pupil) in roster.enumerated() {
            let first = AnalyzedText(pupil.firstName).tokens.map(\.key)
            if first.count == 1 { firstNames[first[0], default: []].append(index) }
            lastNames.append(AnalyzedText(pupil.lastName ?? "").tokens.map(\.key))
        }
        self.firstNames = firstNames
        var shapes = [Bool](repeating: false, count: 256 * 32)
        for name in firstNames.keys { shapes[Self.shape(of: name)] = true }
        nameShapes = shapes
        self.lastNames = lastNames
        var names = roster.flatMap { [$0.firstName, $0.lastName ?? ""] }
        names += (context.staff ?? []).compactMap(\.name) + (context.parents ?? []).compactMap(\.name)
        names += (context.groups ?? []).flatMap { [$0.name ?? "", $0.id] } + [context.school?.name ?? ""]
        nameWords = Set(names.flatMap { AnalyzedText($0).tokens.map(\.key) })
        history = Self.weeks(context.history ?? [], zone: zone)
    }

    var hasRoster: Bool { context.pupils != nil }

    static func shape(of word: String) -> Int {
        Int(word.utf8.first ?? 0) * 32 + min(word.utf8.count, 31)
    }

    func mayBeFirstName(_ word: String) -> Bool { nameShapes[Self.shape(of: word)] }

    /// Consent counts only for the context's school year (last year's consent does not carry over).
    func hasConsent(_ pupil: SchoolContext.Pupil, _ purpose: KeyPath<SchoolContext.Consent, Bool?>) -> Bool {
        guard let consent = pupil.consent, let year = context.schoolYear, consent.schoolYear == year else { return false }
        return consent[keyPath: purpose] == true
    }
}
