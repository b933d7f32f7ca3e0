import Foundation
import GRDB

/// One pupil's consent for the school year in force, per purpose (nil: nobody asked yet).
public struct PupilConsentStatus: Sendable, Equatable, Codable {
    public var pupilId: String
    public var firstName: String
    public var lastName: String?
    public var groupId: String?
    public var schoolYear: String
    public var decisions: [String: ConsentDecision]

    public func decision(_ purpose: ConsentPurpose) -> ConsentDecision? { decisions[purpose.rawValue] }

    /// Purposes without a "given" this year: what the administration must chase or respect.
    public var lacking: [ConsentPurpose] { ConsentPurpose.allCases.filter { decision($0) != .given } }
}

/// A published post that shows or names a pupil.
public struct PostReference: Sendable, Equatable, Codable, FetchableRecord {
    public var postId: String
    public var groupId: String?
    public var postedAt: String?
    public var status: String
    /// "image" or "name".
    public var how: String
}

extension SchoolStore {
    /// Records a decision; history is kept, the newest decision is in force at once. Returns the
    /// published posts that show or name the pupil when the decision takes consent away, so the
    /// directie can take them down.
    @discardableResult
    public func recordConsent(
        pupil: String, purpose: ConsentPurpose, decision: ConsentDecision, source: ConsentSource, schoolYear: String? = nil,
        note: String? = nil, actor: String, now: Date
    ) throws -> [PostReference] {
        try writer.write { db in
            guard let school = try SchoolRecord.fetchOne(db) else { throw StoreError.noSchool }
            guard try PupilRecord.exists(db, key: pupil) else { throw StoreError.unknown(kind: "pupil", id: pupil) }
            let year = schoolYear ?? school.schoolYear
            try Self.validateSchoolYear(year)
            let record = ConsentRecord(
                id: nil, pupilId: pupil, purpose: purpose, schoolYear: year, decision: decision, recordedBy: actor,
                recordedAt: Timestamp.string(now), source: source, note: note)
            try record.insert(db)
            try db.audit(
                actor, "consent.\(decision.rawValue)", subject: pupil, detail: "\(purpose.rawValue) \(year) via \(source.rawValue)", at: now
            )
            guard decision != .given else { return [] }
            let how = purpose == .portalPhoto || purpose == .externalPhoto ? "image" : "name"
            let channel = purpose == .portalPhoto || purpose == .portalName ? "portal" : "website"
            return try PostReference.fetchAll(
                db,
                sql: """
                    SELECT post.id AS postId, post.groupId, post.postedAt, post.status, postPupil.how
                    FROM postPupil JOIN post ON post.id = postPupil.postId
                    WHERE postPupil.pupilId = ? AND postPupil.how = ? AND post.channel = ? AND post.status = 'published'
                    ORDER BY post.postedAtEpoch
                    """,
                arguments: [pupil, how, channel])
        }
    }

    public func consentHistory(pupil: String) throws -> [ConsentRecord] {
        try writer.read { db in
            try ConsentRecord.filter(Column("pupilId") == pupil).order(Column("id")).fetchAll(db)
        }
    }

    /// Everyone's consent for a school year (default: the one in force), optionally for one group.
    public func consentStatus(group: String? = nil, schoolYear: String? = nil) throws -> [PupilConsentStatus] {
        try writer.read { db in try Self.consentStatus(db, group: group, schoolYear: schoolYear) }
    }

    static func consentStatus(_ db: Database, group: String? = nil, schoolYear: String? = nil) throws -> [PupilConsentStatus] {
        guard let school = try SchoolRecord.fetchOne(db) else { throw StoreError.noSchool }
        let year = schoolYear ?? school.schoolYear
        if let group, !(try GroupRecord.exists(db, key: group)) { throw StoreError.unknown(kind: "group", id: group) }
        var pupilRequest = PupilRecord.order(Column("groupId"), Column("lastName"), Column("firstName"), Column("id"))
        if let group { pupilRequest = pupilRequest.filter(Column("groupId") == group) }
        let pupils = try pupilRequest.fetchAll(db)
        var decisions: [String: [String: ConsentDecision]] = [:]
        for (key, decision) in try currentDecisions(db, year: year) {
            decisions[key.pupil, default: [:]][key.purpose] = decision
        }
        return pupils.map {
            PupilConsentStatus(
                pupilId: $0.id, firstName: $0.firstName, lastName: $0.lastName, groupId: $0.groupId, schoolYear: year,
                decisions: decisions[$0.id] ?? [:])
        }
    }

    /// A new school year: consent from the old year no longer counts. Returns everyone whose consent
    /// must be asked again, with last year's decisions. Changes nothing unless `apply` is true.
    public func rollOver(to newYear: String, apply: Bool, actor: String, now: Date) throws -> [PupilConsentStatus] {
        try Self.validateSchoolYear(newYear)
        let oldYear = try schoolYear()
        guard newYear > oldYear else {
            throw StoreError.invalid(field: "schoolYear", reason: "\(newYear) is not after the current school year \(oldYear)")
        }
        let previous = try consentStatus(schoolYear: oldYear)
        if apply {
            try writer.write { db in
                try db.execute(sql: "UPDATE school SET schoolYear = ?", arguments: [newYear])
                try db.audit(
                    actor, "school.rollover", detail: "\(oldYear) → \(newYear); \(previous.count) pupils need new consent", at: now)
            }
        }
        return previous
    }
}
