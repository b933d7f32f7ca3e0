import Foundation
import GRDB

public struct ImportOptions: Sendable {
    /// Import the good rows and report the bad ones, instead of refusing the whole file.
    public var skipBadRows = false
    /// Create class groups the file names that the school does not have yet.
    public var createGroups = false
    public var source: ConsentSource = .import

    public init(skipBadRows: Bool = false, createGroups: Bool = false) {
        self.skipBadRows = skipBadRows
        self.createGroups = createGroups
    }
}

public struct ImportSummary: Sendable, Equatable {
    public var pupilsAdded = 0
    public var pupilsUpdated = 0
    public var parentsLinked = 0
    public var groupsCreated: [String] = []
    public var consentRecorded = 0
    /// Rows left out (only with `skipBadRows`).
    public var skipped: [ImportProblem] = []
}

extension SchoolStore {
    /// Imports a roster with consent in one transaction. With problems and without `skipBadRows`
    /// nothing is changed; a crash half-way leaves the database as before the import.
    public func importRoster(_ file: RosterFile, options: ImportOptions = ImportOptions(), actor: String, now: Date) throws -> ImportSummary
    {
        try writer.write { db in
            guard let school = try SchoolRecord.fetchOne(db) else { throw StoreError.noSchool }
            var problems = file.problems
            let known = Set(try String.fetchAll(db, sql: #"SELECT id FROM "group""#))
            var resolved: [(RosterRow, String)] = []
            var toCreate: Set<String> = []
            for row in file.rows {
                let id = known.contains(row.group) ? row.group : RosterCSV.groupID(row.group)
                if known.contains(id) {
                    resolved.append((row, id))
                } else if options.createGroups {
                    toCreate.insert(id)
                    resolved.append((row, id))
                } else {
                    problems.append(
                        ImportProblem(
                            line: row.line, field: "groep",
                            reason: "the school has no group '\(row.group)' (\(id)); add it first or import with --create-groups"))
                }
            }
            problems.sort { ($0.line, $0.field ?? "") < ($1.line, $1.field ?? "") }
            if !problems.isEmpty && !options.skipBadRows { throw StoreError.importRejected(problems: problems) }
            var summary = ImportSummary(skipped: problems)
            for id in toCreate.sorted() {
                try GroupRecord(id: id, name: nil, kind: "class").insert(db)
                try db.audit(actor, "group.create", subject: id, detail: "class (roster import)", at: now)
                summary.groupsCreated.append(id)
            }
            var state = ImportState(
                pupils: Dictionary(uniqueKeysWithValues: try PupilRecord.fetchAll(db).map { ($0.id, $0) }),
                decisions: try Self.currentDecisions(db, year: school.schoolYear))
            for (row, groupId) in resolved {
                try importRow(
                    row, groupId: groupId, schoolYear: school.schoolYear, options: options, actor: actor, now: now, db: db,
                    state: &state, summary: &summary)
            }
            try db.audit(
                actor, "roster.import",
                detail:
                    "\(summary.pupilsAdded) added, \(summary.pupilsUpdated) updated, \(summary.consentRecorded) consent decisions, \(summary.skipped.count) rows skipped",
                at: now)
            return summary
        }
    }

    /// What the database already holds, read once per import rather than once per row.
    private struct ImportState {
        var pupils: [String: PupilRecord]
        var decisions: [ConsentKey: ConsentDecision]
    }

    private func importRow(
        _ row: RosterRow, groupId: String, schoolYear: String, options: ImportOptions, actor: String, now: Date, db: Database,
        state: inout ImportState, summary: inout ImportSummary
    ) throws {
        let pupil = PupilRecord(id: row.pupilId, firstName: row.firstName, lastName: row.lastName, groupId: groupId)
        if let existing = state.pupils[row.pupilId] {
            if existing != pupil {
                try pupil.update(db)
                summary.pupilsUpdated += 1
            }
        } else {
            try pupil.insert(db)
            summary.pupilsAdded += 1
        }
        if let parentId = row.parentId {
            try ParentRecord(id: parentId, name: row.parentName, email: row.parentEmail).upsert(db)
            try db.execute(sql: "INSERT OR IGNORE INTO parentChild (parentId, pupilId) VALUES (?, ?)", arguments: [parentId, row.pupilId])
            summary.parentsLinked += db.changesCount
        }
        for purpose in ConsentPurpose.allCases {
            guard let given = row.consent[purpose] else { continue }
            let decision: ConsentDecision = given ? .given : .refused
            guard state.decisions[ConsentKey(pupil: row.pupilId, purpose: purpose.rawValue)] != decision else { continue }
            let record = ConsentRecord(
                id: nil, pupilId: row.pupilId, purpose: purpose, schoolYear: schoolYear, decision: decision, recordedBy: actor,
                recordedAt: Timestamp.string(now), source: options.source, note: "roster import, line \(row.line)")
            try record.insert(db)
            summary.consentRecorded += 1
        }
    }

    struct ConsentKey: Hashable {
        var pupil: String
        var purpose: String
    }

    /// The decision in force per pupil and purpose for a school year: the newest record of each.
    static func currentDecisions(_ db: Database, year: String) throws -> [ConsentKey: ConsentDecision] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.pupilId, c.purpose, c.decision FROM consentRecord c
                JOIN (SELECT MAX(id) AS id FROM consentRecord WHERE schoolYear = ? GROUP BY pupilId, purpose) latest ON latest.id = c.id
                """,
            arguments: [year])
        var decisions: [ConsentKey: ConsentDecision] = [:]
        for row in rows {
            decisions[ConsentKey(pupil: row["pupilId"], purpose: row["purpose"])] = ConsentDecision(rawValue: row["decision"])
        }
        return decisions
    }

    public func pupils(group: String? = nil) throws -> [PupilRecord] {
        try writer.read { db in
            var request = PupilRecord.order(Column("groupId"), Column("lastName"), Column("firstName"))
            if let group { request = request.filter(Column("groupId") == group) }
            return try request.fetchAll(db)
        }
    }
}
