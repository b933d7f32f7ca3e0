import Crypto
import Foundation
import GRDB
import PolicyEngine

/// Who a valid bearer token belongs to.
public struct TokenIdentity: Sendable, Equatable {
    public var tokenId: String
    public var subjectId: String
    public var role: String
}

public struct TokenRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "apiToken"
    public var id: String
    public var secretHash: String
    public var subjectId: String
    public var role: String
    public var label: String?
    public var createdAt: String
    public var createdBy: String
    public var revokedAt: String?
}

extension SchoolStore {
    static let tokenPrefix = "mdr_"

    /// Issues a bearer token for a staff member (their role) or a parent. Returns the token text,
    /// which is shown once: only a hash is stored.
    public func issueToken(for subject: String, label: String?, actor: String, now: Date) throws -> (id: String, token: String) {
        var generator = SystemRandomNumberGenerator()
        let id = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16).leftPadded(to: 16)
        let secretBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = Data(secretBytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try writer.write { db in
            let role: String
            if let staff = try StaffRecord.fetchOne(db, key: subject) {
                guard staff.active else { throw StoreError.inactiveStaff(id: subject) }
                role = staff.role
            } else if try ParentRecord.exists(db, key: subject) {
                role = "parent"
            } else {
                throw StoreError.unknown(kind: "staff member or parent", id: subject)
            }
            try TokenRecord(
                id: id, secretHash: Self.hash(secret), subjectId: subject, role: role, label: label, createdAt: Timestamp.string(now),
                createdBy: actor, revokedAt: nil
            ).insert(db)
            try db.audit(actor, "token.issue", subject: subject, detail: "token \(id) (\(role))", at: now)
        }
        return (id, "\(Self.tokenPrefix)\(id)_\(secret)")
    }

    /// Lowercase hex SHA-256 of the secret: what is stored, and what a server may keep in memory.
    public static func hash(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The identity behind a token, or nil when it is unknown, revoked, its staff member is no
    /// longer active, or its parent was erased. A server may remember the answer only until the
    /// store's revision changes (tokens, staff and parents all bump it).
    public func verifyToken(_ token: String) throws -> TokenIdentity? {
        guard token.hasPrefix(Self.tokenPrefix) else { return nil }
        let body = token.dropFirst(Self.tokenPrefix.count)
        guard let separator = body.firstIndex(of: "_") else { return nil }
        let id = String(body[..<separator])
        let secret = String(body[body.index(after: separator)...])
        guard id.count == 16, !secret.isEmpty else { return nil }
        return try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT apiToken.secretHash, apiToken.subjectId, apiToken.role, apiToken.revokedAt, staff.active,
                            parent.id IS NOT NULL AS parentExists
                        FROM apiToken
                        LEFT JOIN staff ON staff.id = apiToken.subjectId
                        LEFT JOIN parent ON parent.id = apiToken.subjectId
                        WHERE apiToken.id = ?
                        """,
                    arguments: [id])
            else { return nil }
            let stored: String = row["secretHash"]
            guard Self.constantTimeEqual(stored, Self.hash(secret)) else { return nil }
            let revoked: String? = row["revokedAt"]
            guard revoked == nil else { return nil }
            let role: String = row["role"]
            if role == "parent" {
                // A parent whose record was erased (their last child left) has no access any more.
                let exists: Bool = row["parentExists"]
                guard exists else { return nil }
            } else {
                let active: Bool? = row["active"]
                guard active == true else { return nil }
            }
            return TokenIdentity(tokenId: id, subjectId: row["subjectId"], role: role)
        }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    public func revokeToken(_ id: String, actor: String, now: Date) throws {
        try writer.write { db in
            guard var token = try TokenRecord.fetchOne(db, key: id) else { throw StoreError.unknown(kind: "token", id: id) }
            guard token.revokedAt == nil else { return }
            token.revokedAt = Timestamp.string(now)
            try token.update(db)
            try db.audit(actor, "token.revoke", subject: token.subjectId, detail: "token \(id)", at: now)
        }
    }

    public func tokens(subject: String? = nil) throws -> [TokenRecord] {
        try writer.read { db in
            var request = TokenRecord.order(Column("createdAt"))
            if let subject { request = request.filter(Column("subjectId") == subject) }
            return try request.fetchAll(db)
        }
    }

    /// Changes whenever the school's facts change (any process): a server's cue to rebuild its context.
    public func revision() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM revision WHERE id = 1")) ?? 0 }
    }

    /// The posts of a group that count for the frequency rule (published or awaiting review).
    public func history(group: String, now: Date, days: Int = 21) throws -> [SchoolContext.HistoryEntry] {
        let since = Int64(now.timeIntervalSince1970) - Int64(days) * 86_400
        return try writer.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, groupId, postedAt FROM post
                        WHERE groupId = ? AND kind = 'post' AND status IN ('published', 'review') AND postedAtEpoch >= ?
                        ORDER BY postedAtEpoch
                        """),
                arguments: [group, since]
            ).map { SchoolContext.HistoryEntry(id: $0["id"], group: $0["groupId"], postedAt: $0["postedAt"]) }
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
