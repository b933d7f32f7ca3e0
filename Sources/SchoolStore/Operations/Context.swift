import Foundation
import GRDB
import PolicyEngine

extension SchoolStore {
    /// The school context for a check, in exactly the shape of the check contract. History holds the
    /// posts that count for the 1–3 per week agreement (published or awaiting review) of the last
    /// weeks before `now`.
    public func context(now: Date, historyDays: Int = 21) throws -> SchoolContext {
        try writer.read { db in
            guard let school = try SchoolRecord.fetchOne(db) else { throw StoreError.noSchool }
            let hours = try school.hours.map { try JSONDecoder().decode(SchoolContext.Hours.self, from: Data($0.utf8)) }
            let teachers = try Row.fetchAll(db, sql: "SELECT groupId, staffId FROM groupTeacher ORDER BY staffId")
            let members = try Row.fetchAll(db, sql: "SELECT groupId, memberId FROM groupMember ORDER BY memberId")
            let groups = try GroupRecord.order(Column("id")).fetchAll(db).map { group in
                SchoolContext.Group(
                    id: group.id, name: group.name, kind: SchoolContext.Group.Kind(rawValue: group.kind) ?? .class,
                    teachers: teachers.filter { $0["groupId"] == group.id }.map { $0["staffId"] },
                    members: members.filter { $0["groupId"] == group.id }.map { $0["memberId"] })
            }
            let staff = try StaffRecord.order(Column("id")).fetchAll(db).map {
                SchoolContext.Staff(id: $0.id, name: $0.name, role: Post.Role(rawValue: $0.role) ?? .teacher, active: $0.active)
            }
            let children = try Row.fetchAll(db, sql: "SELECT parentId, pupilId FROM parentChild ORDER BY pupilId")
            var childrenByParent: [String: [String]] = [:]
            for row in children { childrenByParent[row["parentId"], default: []].append(row["pupilId"]) }
            let parents = try ParentRecord.order(Column("id")).fetchAll(db).map {
                SchoolContext.Parent(id: $0.id, name: $0.name, children: childrenByParent[$0.id] ?? [])
            }
            let statuses = try Self.consentStatus(db)
            let pupils = statuses.map { status in
                SchoolContext.Pupil(
                    id: status.pupilId, firstName: status.firstName, lastName: status.lastName, group: status.groupId,
                    consent: SchoolContext.Consent(
                        schoolYear: status.schoolYear, portalPhoto: status.decision(.portalPhoto) == .given,
                        portalName: status.decision(.portalName) == .given, externalPhoto: status.decision(.externalPhoto) == .given,
                        externalName: status.decision(.externalName) == .given))
            }
            let since = Int64(now.timeIntervalSince1970) - Int64(historyDays) * 86_400
            let history = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, groupId, postedAt FROM post
                    WHERE kind = 'post' AND status IN ('published', 'review') AND groupId IS NOT NULL AND postedAtEpoch >= ?
                    ORDER BY postedAtEpoch
                    """,
                arguments: [since]
            ).map { SchoolContext.HistoryEntry(id: $0["id"], group: $0["groupId"], postedAt: $0["postedAt"]) }
            return SchoolContext(
                school: SchoolContext.School(
                    name: school.name, brin: school.brin, timeZone: school.timeZone, phone: school.phone, email: school.email,
                    website: school.website, iban: school.iban, address: school.address),
                schoolYear: school.schoolYear, hours: hours, groups: groups, staff: staff, parents: parents, pupils: pupils,
                history: history)
        }
    }
}
