import Foundation
import GRDB

/// Everything the store holds about one pupil, for a parent's request to see their data.
public struct PupilExport: Codable, Sendable, Equatable {
    public struct Parent: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var email: String?
    }

    public var exportedAt: String
    public var pupil: PupilRecord
    public var parents: [Parent]
    public var consent: [ConsentRecord]
    public var posts: [PostReference]
    public var audit: [AuditEntry]
}

extension SchoolStore {
    public func exportPupil(_ id: String, actor: String, now: Date) throws -> PupilExport {
        let export = try writer.read { db in
            guard let pupil = try PupilRecord.fetchOne(db, key: id) else { throw StoreError.unknown(kind: "pupil", id: id) }
            let parents = try Row.fetchAll(
                db,
                sql:
                    "SELECT parent.id, parent.name, parent.email FROM parent JOIN parentChild ON parentChild.parentId = parent.id WHERE parentChild.pupilId = ? ORDER BY parent.id",
                arguments: [id]
            ).map { PupilExport.Parent(id: $0["id"], name: $0["name"], email: $0["email"]) }
            let consent = try ConsentRecord.filter(Column("pupilId") == id).order(Column("id")).fetchAll(db)
            let posts = try PostReference.fetchAll(
                db,
                sql: """
                    SELECT post.id AS postId, post.groupId, post.postedAt, post.status, postPupil.how
                    FROM postPupil JOIN post ON post.id = postPupil.postId WHERE postPupil.pupilId = ? ORDER BY post.postedAtEpoch
                    """,
                arguments: [id])
            let audit = try AuditEntry.filter(Column("subject") == id).order(Column("id")).fetchAll(db)
            return PupilExport(
                exportedAt: Timestamp.string(now), pupil: pupil, parents: parents, consent: consent, posts: posts, audit: audit)
        }
        try writer.write { db in try db.audit(actor, "pupil.export", subject: id, at: now) }
        return export
    }

    /// Erases a pupil who left: the pupil, their consent history, their links to posts, and parents
    /// who have no other child at the school. The audit log keeps only the id and the fact.
    public func erasePupil(_ id: String, actor: String, now: Date) throws {
        try writer.write { db in
            guard try PupilRecord.exists(db, key: id) else { throw StoreError.unknown(kind: "pupil", id: id) }
            let parents = try String.fetchAll(db, sql: "SELECT parentId FROM parentChild WHERE pupilId = ?", arguments: [id])
            try PupilRecord.deleteOne(db, key: id)
            for parent in parents {
                let others = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parentChild WHERE parentId = ?", arguments: [parent]) ?? 0
                if others == 0 {
                    try ParentRecord.deleteOne(db, key: parent)
                    try db.execute(sql: "DELETE FROM groupMember WHERE memberId = ?", arguments: [parent])
                    // Their API tokens go too: nothing of the family stays behind.
                    try db.execute(sql: "DELETE FROM apiToken WHERE subjectId = ?", arguments: [parent])
                }
            }
            try db.audit(actor, "pupil.erase", subject: id, at: now)
        }
    }
}
