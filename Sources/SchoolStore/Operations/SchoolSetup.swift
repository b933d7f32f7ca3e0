import Foundation
import GRDB
import PolicyEngine

extension SchoolStore {
    /// Creates the school, or updates its details. The school year starts a consent period.
    public func setUpSchool(
        _ school: SchoolContext.School, schoolYear: String, hours: SchoolContext.Hours?, actor: String, now: Date
    ) throws {
        guard let name = school.name, !name.isEmpty else { throw StoreError.invalid(field: "name", reason: "the school needs a name") }
        try Self.validateSchoolYear(schoolYear)
        let zone = school.timeZone ?? "Europe/Amsterdam"
        guard TimeZone(identifier: zone) != nil else {
            throw StoreError.invalid(field: "timeZone", reason: "'\(zone)' is not a known time zone")
        }
        var hoursJSON: String?
        if let hours {
            do {
                try HoursValidator.validate(SchoolContext(hours: hours))
            } catch let error as HoursError {
                throw StoreError.invalid(field: "hours", reason: error.message)
            }
            hoursJSON = String(decoding: try JSONEncoder().encode(hours), as: UTF8.self)
        }
        let record = SchoolRecord(
            name: name, brin: school.brin, timeZone: zone, phone: school.phone, email: school.email, website: school.website,
            iban: school.iban, address: school.address, schoolYear: schoolYear, hours: hoursJSON)
        try writer.write { db in
            let existed = try SchoolRecord.fetchOne(db) != nil
            try record.save(db)
            try db.audit(actor, existed ? "school.update" : "school.create", subject: school.brin ?? name, at: now)
        }
    }

    static func validateSchoolYear(_ year: String) throws {
        let parts = year.split(separator: "-")
        guard parts.count == 2, let first = Int(parts[0]), let second = Int(parts[1]), parts[0].count == 4, second == first + 1 else {
            throw StoreError.invalid(field: "schoolYear", reason: "'\(year)' is not a school year like 2026-2027")
        }
    }

    /// The school year in force.
    public func schoolYear() throws -> String {
        guard let school = try writer.read({ db in try SchoolRecord.fetchOne(db) }) else { throw StoreError.noSchool }
        return school.schoolYear
    }

    public func addGroup(
        id: String, name: String?, kind: SchoolContext.Group.Kind, teachers: [String], members: [String], actor: String, now: Date
    )
        throws
    {
        try writer.write { db in
            guard try SchoolRecord.fetchOne(db) != nil else { throw StoreError.noSchool }
            if try GroupRecord.exists(db, key: id) { throw StoreError.duplicate(kind: "group", id: id) }
            try GroupRecord(id: id, name: name, kind: kind.rawValue).insert(db)
            for teacher in teachers {
                guard let staff = try StaffRecord.fetchOne(db, key: teacher), staff.role == "teacher" else {
                    throw StoreError.unknown(kind: "teacher", id: teacher)
                }
                try db.execute(sql: "INSERT INTO groupTeacher (groupId, staffId) VALUES (?, ?)", arguments: [id, teacher])
            }
            for member in members {
                try db.execute(sql: "INSERT INTO groupMember (groupId, memberId) VALUES (?, ?)", arguments: [id, member])
            }
            try db.audit(actor, "group.create", subject: id, detail: kind.rawValue, at: now)
        }
    }

    public func groups() throws -> [GroupRecord] {
        try writer.read { db in try GroupRecord.order(Column("id")).fetchAll(db) }
    }

    public func addStaff(id: String, name: String?, role: Post.Role, actor: String, now: Date) throws {
        guard role != .parent else { throw StoreError.invalid(field: "role", reason: "parents are not staff") }
        try writer.write { db in
            if try StaffRecord.exists(db, key: id) { throw StoreError.duplicate(kind: "staff member", id: id) }
            try StaffRecord(id: id, name: name, role: role.rawValue, active: true, deactivatedAt: nil).insert(db)
            try db.audit(actor, "staff.create", subject: id, detail: role.rawValue, at: now)
        }
    }

    /// Seed 002: staff who leave must lose access at once. A deactivated member's posts are refused.
    public func setStaffActive(id: String, active: Bool, actor: String, now: Date) throws {
        try writer.write { db in
            guard var staff = try StaffRecord.fetchOne(db, key: id) else { throw StoreError.unknown(kind: "staff member", id: id) }
            staff.active = active
            staff.deactivatedAt = active ? nil : Timestamp.string(now)
            try staff.update(db)
            var detail: String?
            if !active {
                // Seed 002: access stops at once, and a later reactivation does not bring old tokens back.
                try db.execute(
                    sql: "UPDATE apiToken SET revokedAt = ? WHERE subjectId = ? AND revokedAt IS NULL",
                    arguments: [Timestamp.string(now), id])
                if db.changesCount > 0 { detail = "\(db.changesCount) API token(s) revoked" }
                try db.execute(sql: "DELETE FROM webSession WHERE staffId = ?", arguments: [id])
                if db.changesCount > 0 {
                    detail = [detail, "\(db.changesCount) session(s) ended"].compactMap { $0 }.joined(separator: ", ")
                }
            }
            try db.audit(actor, active ? "staff.activate" : "staff.deactivate", subject: id, detail: detail, at: now)
        }
    }

    public func staff() throws -> [StaffRecord] {
        try writer.read { db in try StaffRecord.order(Column("id")).fetchAll(db) }
    }

    public func auditLog(subject: String? = nil) throws -> [AuditEntry] {
        try writer.read { db in
            var request = AuditEntry.order(Column("id"))
            if let subject { request = request.filter(Column("subject") == subject) }
            return try request.fetchAll(db)
        }
    }
}
