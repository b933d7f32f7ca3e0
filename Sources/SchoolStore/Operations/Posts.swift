import Foundation
import GRDB
import PolicyEngine

/// What happened to a submitted post.
public enum PostStatus: String, Codable, Sendable {
    /// allow or warn: it goes out.
    case published
    /// review: it waits for the directie.
    case review
    /// block: it is refused, with the findings.
    case rejected
    /// taken down afterwards.
    case removed

    public init(verdict: Verdict) {
        switch verdict {
        case .allow, .warn: self = .published
        case .review: self = .review
        case .block: self = .rejected
        }
    }
}

public struct SubmittedPost: Sendable, Equatable, Codable {
    public var id: String
    public var status: PostStatus
    public var report: Report
}

extension SchoolStore {
    /// Records a checked post with its report and the pupils it names or shows. The status follows
    /// the verdict. A post of a staff member who has been deactivated is refused outright.
    ///
    /// `mayReveal` says whether the caller may learn that an existing post has this id: if so, reusing
    /// it is a conflict; if not, the post gets a fresh id, so the answer does not confirm the other.
    public func submit(
        _ post: Post, report: Report, named: [String], shown: [String], now: Date, mayReveal: (PostRecord) -> Bool = { _ in true }
    ) throws -> SubmittedPost {
        var post = post
        var report = report
        let status = PostStatus(verdict: report.verdict)
        try writer.write { db in
            if let author = post.author, author.role != .parent, let staff = try StaffRecord.fetchOne(db, key: author.id), !staff.active {
                throw StoreError.inactiveStaff(id: author.id)
            }
            var id = post.id ?? UUID().uuidString.lowercased()
            if let existing = try PostRecord.fetchOne(db, key: id) {
                guard !mayReveal(existing) else { throw StoreError.duplicate(kind: "post", id: id) }
                id = UUID().uuidString.lowercased()
            }
            post.id = id
            report.id = id
            let reportJSON = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            let record = PostRecord(
                id: id, kind: post.kind.rawValue, channel: post.channel.rawValue, groupId: post.group, authorId: post.author?.id,
                authorRole: post.author?.role.rawValue, postedAt: post.postedAt,
                postedAtEpoch: post.postedAt.flatMap(LocalTime.parseISO8601),
                text: post.text, verdict: report.verdict.rawValue, status: status.rawValue, report: reportJSON,
                submittedAt: Timestamp.string(now), purgedAt: nil, replyTo: post.replyTo,
                categories: Set(report.findings.map(\.category.rawValue)).sorted().joined(separator: ","))
            try record.insert(db)
            for (pupils, how) in [(shown, "image"), (named, "name")] {
                for pupil in pupils where try PupilRecord.exists(db, key: pupil) {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO postPupil (postId, pupilId, how) VALUES (?, ?, ?)", arguments: [id, pupil, how])
                }
            }
            try db.audit(
                post.author?.id ?? "unknown", "post.submit", subject: id, detail: "\(report.verdict.rawValue) → \(status.rawValue)", at: now
            )
        }
        return SubmittedPost(id: post.id ?? "", status: status, report: report)
    }

    public func post(_ id: String) throws -> PostRecord? {
        try writer.read { db in try PostRecord.fetchOne(db, key: id) }
    }

    public struct VerdictCount: Sendable, Equatable, Codable, FetchableRecord {
        public var verdict: String
        public var status: String
        public var count: Int
    }

    /// How many posts had which verdict and status: kept when the texts are purged.
    public func verdictCounts() throws -> [VerdictCount] {
        try writer.read { db in
            try VerdictCount.fetchAll(
                db, sql: "SELECT verdict, status, COUNT(*) AS count FROM post GROUP BY verdict, status ORDER BY verdict, status")
        }
    }

    /// Seed 001: flagged material is kept no longer than needed. Drops the text (and the excerpts of
    /// the report, which quote it) of rejected, reviewed and removed posts older than `days`; the rows,
    /// verdicts and rule ids stay for the statistics.
    public func purgeFlaggedText(olderThan days: Int, actor: String, now: Date) throws -> Int {
        guard days >= 0 else { throw StoreError.invalid(field: "days", reason: "must be 0 or more") }
        let cutoff = Timestamp.string(now.addingTimeInterval(-Double(days) * 86_400))
        return try writer.write { db in
            let posts =
                try PostRecord
                .filter(Column("purgedAt") == nil)
                .filter(["rejected", "review", "removed"].contains(Column("status")) || ["review", "block"].contains(Column("verdict")))
                .filter(Column("submittedAt") < cutoff)
                .fetchAll(db)
            for var post in posts {
                var report = try JSONDecoder().decode(Report.self, from: Data(post.report.utf8))
                report.findings = report.findings.map { finding in
                    var finding = finding
                    finding.excerpt = nil
                    return finding
                }
                post.report = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
                post.text = nil
                post.purgedAt = Timestamp.string(now)
                try post.update(db)
            }
            try db.audit(actor, "retention.purge", detail: "texts of \(posts.count) flagged posts older than \(days) days dropped", at: now)
            return posts.count
        }
    }
}

extension SchoolStore {
    /// Seed 004: unsuitable posts may be removed by the group's administrators or the directie. The
    /// text stays for the record until the retention purge; the reason goes to the audit log.
    public func removePost(_ id: String, reason: String, actor: String, now: Date) throws {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.invalid(field: "reason", reason: "a removal needs a reason") }
        try writer.write { db in
            guard var post = try PostRecord.fetchOne(db, key: id) else { throw StoreError.unknown(kind: "post", id: id) }
            post.status = PostStatus.removed.rawValue
            try post.update(db)
            try db.audit(actor, "post.remove", subject: id, detail: trimmed, at: now)
        }
    }
}
