import Foundation
import GRDB
import HummingbirdBcrypt
import PolicyEngine

/// A staff member as the sign-in sees them: never sent to a client.
public struct StaffLogin: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var role: Post.Role
    public var active: Bool
    public var passwordHash: String?
    /// The TOTP key, when one was issued; `confirmed` once the authenticator app gave a valid code.
    public var totpSecret: String?
    public var totpConfirmed: Bool
}

/// A browser session as stored: the cookie's hash, its owner, the CSRF token, and whether the
/// second factor was given.
public struct WebSessionRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "webSession"
    public var idHash: String
    public var staffId: String
    public var csrf: String
    public var secondFactor: Bool
    public var createdAt: Double
    public var lastSeenAt: Double

    public init(idHash: String, staffId: String, csrf: String, secondFactor: Bool, createdAt: Double, lastSeenAt: Double) {
        self.idHash = idHash
        self.staffId = staffId
        self.csrf = csrf
        self.secondFactor = secondFactor
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

extension SchoolStore {
    /// Seed 002 asks for strong passwords; a passphrase of some length beats rules about symbols.
    public static let minimumPasswordLength = 10

    /// The staff member who signs in with `login`: their id, or their e-mail address (any case).
    public func staffLogin(_ login: String) throws -> StaffLogin? {
        let trimmed = login.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return try writer.read { db in
            let staff =
                try StaffRecord.fetchOne(db, key: trimmed)
                ?? StaffRecord.filter(Column("email") == trimmed.lowercased()).fetchOne(db)
            guard let staff else { return nil }
            return try Self.login(for: staff, db)
        }
    }

    /// The sign-in view of the staff member with this id.
    public func staffLogin(id: String) throws -> StaffLogin? {
        try writer.read { db in try StaffRecord.fetchOne(db, key: id).map { try Self.login(for: $0, db) } }
    }

    private static func login(for staff: StaffRecord, _ db: Database) throws -> StaffLogin {
        let factor = try Row.fetchOne(db, sql: "SELECT secret, confirmedAt FROM secondFactor WHERE staffId = ?", arguments: [staff.id])
        return StaffLogin(
            id: staff.id, name: staff.name, role: Post.Role(rawValue: staff.role) ?? .teacher, active: staff.active,
            passwordHash: staff.passwordHash, totpSecret: factor?["secret"], totpConfirmed: (factor?["confirmedAt"] as String?) != nil)
    }

    /// Sets a staff member's password (bcrypt; `cost` is lower only in tests). Every session they
    /// had ends at once: whoever knew the old password is out.
    public func setPassword(staff id: String, password: String, cost: UInt8 = 12, actor: String, now: Date) throws {
        guard password.count >= Self.minimumPasswordLength else {
            throw StoreError.invalid(
                field: "password", reason: "use at least \(Self.minimumPasswordLength) characters (a short sentence works well)")
        }
        guard password.utf8.count <= 72 else {
            throw StoreError.invalid(field: "password", reason: "use at most 72 bytes; bcrypt ignores the rest")
        }
        let hash = Bcrypt.hash(password, cost: cost)
        try writer.write { db in
            guard try StaffRecord.exists(db, key: id) else { throw StoreError.unknown(kind: "staff member", id: id) }
            try db.execute(sql: "UPDATE staff SET passwordHash = ? WHERE id = ?", arguments: [hash, id])
            try db.execute(sql: "DELETE FROM webSession WHERE staffId = ?", arguments: [id])
            let ended = db.changesCount
            try db.audit(actor, "staff.password", subject: id, detail: ended > 0 ? "\(ended) session(s) ended" : nil, at: now)
        }
    }

    /// Sets or clears the e-mail address a staff member may sign in with.
    public func setStaffEmail(staff id: String, email: String?, actor: String, now: Date) throws {
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let email, !email.isEmpty, !(email.contains("@") && email.count <= 254) {
            throw StoreError.invalid(field: "email", reason: "'\(email)' is not an e-mail address")
        }
        try writer.write { db in
            guard try StaffRecord.exists(db, key: id) else { throw StoreError.unknown(kind: "staff member", id: id) }
            let value = email?.isEmpty == false ? email : nil
            if let value, try StaffRecord.filter(Column("email") == value && Column("id") != id).fetchCount(db) > 0 {
                throw StoreError.duplicate(kind: "staff e-mail address", id: value)
            }
            try db.execute(sql: "UPDATE staff SET email = ? WHERE id = ?", arguments: [value, id])
            try db.audit(actor, "staff.email", subject: id, at: now)
        }
    }

    /// Whether `password` is the staff member's password. Without a password set, nothing is.
    public static func verifyPassword(_ password: String, _ login: StaffLogin) -> Bool {
        guard let hash = login.passwordHash, password.utf8.count <= 72 else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    // MARK: second factor

    /// Stores a new, unconfirmed TOTP key (enrolment starts over when an earlier one was never confirmed).
    public func beginSecondFactor(staff id: String, secret: String, now: Date) throws {
        try writer.write { db in
            if try Row.fetchOne(
                db, sql: "SELECT confirmedAt FROM secondFactor WHERE staffId = ? AND confirmedAt IS NOT NULL", arguments: [id])
                != nil
            {
                throw StoreError.invalid(field: "secondFactor", reason: "\(id) already has an authenticator app; reset it first")
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO secondFactor (staffId, secret, confirmedAt, lastStep) VALUES (?, ?, NULL, 0)",
                arguments: [id, secret])
        }
    }

    /// Takes TOTP time step `step` for the staff member: true the first time, false if this step or a
    /// later one was used before (a code is never accepted twice). Confirms the enrolment, and stores
    /// the hashes of fresh recovery codes when given.
    public func claimSecondFactorStep(staff id: String, step: Int64, recoveryCodeHashes: [String] = [], now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE secondFactor SET lastStep = ?, confirmedAt = coalesce(confirmedAt, ?) WHERE staffId = ? AND lastStep < ?",
                arguments: [step, Timestamp.string(now), id, step])
            guard db.changesCount == 1 else { return false }
            if !recoveryCodeHashes.isEmpty {
                try db.execute(sql: "DELETE FROM recoveryCode WHERE staffId = ?", arguments: [id])
                for hash in recoveryCodeHashes {
                    try db.execute(sql: "INSERT INTO recoveryCode (staffId, codeHash) VALUES (?, ?)", arguments: [id, hash])
                }
                try db.audit(id, "login.totp-enrolled", subject: id, detail: "\(recoveryCodeHashes.count) recovery codes", at: now)
            }
            return true
        }
    }

    /// Uses a recovery code (given as its hash): true once per code.
    public func useRecoveryCode(staff id: String, hash: String, now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE recoveryCode SET usedAt = ? WHERE staffId = ? AND codeHash = ? AND usedAt IS NULL",
                arguments: [Timestamp.string(now), id, hash])
            guard db.changesCount == 1 else { return false }
            let left =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM recoveryCode WHERE staffId = ? AND usedAt IS NULL", arguments: [id]) ?? 0
            try db.audit(id, "login.recovery-code", subject: id, detail: "\(left) left", at: now)
            return true
        }
    }

    /// Support: removes the authenticator app and recovery codes; the next sign-in enrols a new one.
    /// The staff member's sessions end.
    public func resetSecondFactor(staff id: String, actor: String, now: Date) throws {
        try writer.write { db in
            guard try StaffRecord.exists(db, key: id) else { throw StoreError.unknown(kind: "staff member", id: id) }
            try db.execute(sql: "DELETE FROM secondFactor WHERE staffId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM recoveryCode WHERE staffId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM webSession WHERE staffId = ?", arguments: [id])
            try db.audit(actor, "staff.totp-reset", subject: id, at: now)
        }
    }

    // MARK: sessions

    public func createSession(_ session: WebSessionRecord) throws {
        try writer.write { db in try session.insert(db) }
    }

    public func session(idHash: String) throws -> WebSessionRecord? {
        try writer.read { db in try WebSessionRecord.fetchOne(db, key: idHash) }
    }

    /// A session with the role and state of its staff member: what every page request needs, in one read.
    public func sessionWithStaff(idHash: String) throws -> (session: WebSessionRecord, role: Post.Role, active: Bool)? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT webSession.*, staff.role AS staffRole, staff.active AS staffActive
                        FROM webSession JOIN staff ON staff.id = webSession.staffId WHERE webSession.idHash = ?
                        """, arguments: [idHash])
            else { return nil }
            let role: String = row["staffRole"]
            return (try WebSessionRecord(row: row), Post.Role(rawValue: role) ?? .teacher, row["staffActive"])
        }
    }

    /// Marks the session as used now; written at most once a minute per session.
    public func touchSession(idHash: String, at time: Double) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE webSession SET lastSeenAt = ? WHERE idHash = ? AND lastSeenAt < ?", arguments: [time, idHash, time - 60])
        }
    }

    public func endSession(idHash: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM webSession WHERE idHash = ?", arguments: [idHash]) }
    }

    /// Removes sessions that have expired (idle or absolute), so the table does not grow.
    public func purgeSessions(idleBefore: Double, createdBefore: Double) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM webSession WHERE lastSeenAt < ? OR createdAt < ?", arguments: [idleBefore, createdBefore])
        }
    }

    /// Writes one line to the audit log: sign-ins, failed attempts, page views of flagged posts.
    public func recordAudit(actor: String, action: String, subject: String?, detail: String?, now: Date) throws {
        try writer.write { db in try db.audit(actor, action, subject: subject, detail: detail, at: now) }
    }

    /// The audit log's newest entries first, a page at a time.
    public func recentAudit(limit: Int, offset: Int) throws -> (entries: [AuditEntry], total: Int) {
        try writer.read { db in
            (
                try AuditEntry.order(Column("id").desc).limit(limit, offset: offset).fetchAll(db),
                try AuditEntry.fetchCount(db)
            )
        }
    }

    /// The reason the directie gave when deciding on a post, if they decided.
    public func decisionReason(_ postId: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT reason FROM reviewDecision WHERE postId = ?", arguments: [postId]) }
    }

    /// A staff member's own recent posts, newest first.
    public func posts(author: String, limit: Int) throws -> [PostRecord] {
        try writer.read { db in
            try PostRecord.filter(Column("authorId") == author).order(Column("submittedAt").desc).limit(limit).fetchAll(db)
        }
    }
}
