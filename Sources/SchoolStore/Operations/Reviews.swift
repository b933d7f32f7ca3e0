import Foundation
import GRDB
import PolicyEngine

/// A flagged post as the directie's review queue shows it (no text: opening one is a logged view).
public struct ReviewSummary: Codable, Sendable, Equatable {
    public var id: String
    public var groupId: String?
    public var authorId: String?
    public var postedAt: String?
    public var submittedAt: String
    public var verdict: String
    public var status: String
    public var categories: [String]
    public var decision: String?
}

/// One flagged post with its text and report.
public struct ReviewDetail: Codable, Sendable, Equatable {
    public var summary: ReviewSummary
    public var kind: String
    public var channel: String
    /// nil once the retention purge has dropped it.
    public var text: String?
    public var report: Report
    public var reason: String?
    public var decidedBy: String?
    public var decidedAt: String?
}

public enum ReviewDecisionKind: String, Codable, CaseIterable, Sendable {
    case approve, reject, remove

    var status: PostStatus {
        switch self {
        case .approve: .published
        case .reject: .rejected
        case .remove: .removed
        }
    }
}

public enum ReviewFilter: String, CaseIterable, Sendable {
    /// Waiting for the directie.
    case pending
    case approved, rejected, removed, all
}

public struct ReviewPage: Codable, Sendable, Equatable {
    public var items: [ReviewSummary]
    public var total: Int
    public var limit: Int
    public var offset: Int
}

/// How often an author's posts were flagged: for the directie's talk with repeat offenders.
public struct AuthorHistory: Codable, Sendable, Equatable {
    public var authorId: String
    public var posts: Int
    public var byVerdict: [String: Int]
    public var byCategory: [String: Int]
    public var flaggedLast30Days: Int
    public var recentFlagged: [ReviewSummary]
}

extension SchoolStore {
    private static func report(_ row: Row) throws -> Report {
        let reportJSON: String = row["report"]
        return try JSONDecoder().decode(Report.self, from: Data(reportJSON.utf8))
    }

    /// A row of the post table (with the decision joined) as a summary; the categories come from
    /// their own column, so the report is not decoded.
    private static func summary(_ row: Row) -> ReviewSummary {
        let categories: String = row["categories"] ?? ""
        return ReviewSummary(
            id: row["id"], groupId: row["groupId"], authorId: row["authorId"], postedAt: row["postedAt"], submittedAt: row["submittedAt"],
            verdict: row["verdict"], status: row["status"], categories: categories.split(separator: ",").map(String.init),
            decision: row["decision"])
    }

    /// The columns a summary needs (not the text or the report).
    private static let summaryColumns =
        "post.id, post.groupId, post.authorId, post.postedAt, post.submittedAt, post.verdict, post.status, post.categories, reviewDecision.decision"

    /// How many flagged posts each filter of the queue holds, in one pass.
    public func reviewCounts() throws -> [ReviewFilter: Int] {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) AS \"all\", COALESCE(SUM(post.status = 'review'), 0) AS pending,
                            COALESCE(SUM(reviewDecision.decision = 'approve'), 0) AS approved,
                            COALESCE(SUM(post.status = 'rejected'), 0) AS rejected, COALESCE(SUM(post.status = 'removed'), 0) AS removed
                        FROM post LEFT JOIN reviewDecision ON reviewDecision.postId = post.id
                        WHERE post.verdict IN ('review', 'block')
                        """)
            else { return [:] }
            var counts: [ReviewFilter: Int] = [:]
            for filter in ReviewFilter.allCases { counts[filter] = row[filter.rawValue] ?? 0 }
            return counts
        }
    }

    /// The review queue: flagged posts (verdict review or block), newest first.
    public func reviews(filter: ReviewFilter, group: String?, category: String?, limit: Int, offset: Int) throws -> ReviewPage {
        try writer.read { db in
            var conditions = ["post.verdict IN ('review', 'block')"]
            var arguments: [any DatabaseValueConvertible] = []
            switch filter {
            case .pending: conditions.append("post.status = 'review'")
            case .approved: conditions.append("reviewDecision.decision = 'approve'")
            case .rejected: conditions.append("post.status = 'rejected'")
            case .removed: conditions.append("post.status = 'removed'")
            case .all: break
            }
            if let group {
                conditions.append("post.groupId = ?")
                arguments.append(group)
            }
            if let category {
                conditions.append("instr(',' || post.categories || ',', ',' || ? || ',') > 0")
                arguments.append(category)
            }
            let from =
                "FROM post LEFT JOIN reviewDecision ON reviewDecision.postId = post.id WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(from)", arguments: StatementArguments(arguments)) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.summaryColumns) \(from) ORDER BY post.submittedAt DESC, post.id LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [limit, offset]))
            return ReviewPage(items: rows.map(Self.summary), total: total, limit: limit, offset: offset)
        }
    }

    /// One flagged post with text and report. Every view is written to the audit log (seed 001: views
    /// of flagged content are logged).
    public func review(_ id: String, viewer: String, now: Date) throws -> ReviewDetail {
        try writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT post.*, reviewDecision.decision, reviewDecision.reason, reviewDecision.decidedBy, reviewDecision.decidedAt FROM post LEFT JOIN reviewDecision ON reviewDecision.postId = post.id WHERE post.id = ? AND post.verdict IN ('review', 'block')",
                    arguments: [id])
            else { throw StoreError.unknown(kind: "flagged post", id: id) }
            try db.audit(viewer, "review.view", subject: id, at: now)
            let report = try Self.report(row)
            return ReviewDetail(
                summary: Self.summary(row), kind: row["kind"], channel: row["channel"], text: row["text"],
                report: report, reason: row["reason"],
                decidedBy: row["decidedBy"],
                decidedAt: row["decidedAt"])
        }
    }

    /// The directie decides on a post waiting for review: approve (publish), reject, or remove.
    public func decide(_ id: String, decision: ReviewDecisionKind, reason: String, actor: String, now: Date) throws -> PostStatus {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.invalid(field: "reason", reason: "a decision needs a reason") }
        return try writer.write { db in
            guard var post = try PostRecord.fetchOne(db, key: id), ["review", "block"].contains(post.verdict) else {
                throw StoreError.unknown(kind: "flagged post", id: id)
            }
            guard post.status == PostStatus.review.rawValue else {
                throw StoreError.invalid(field: "decision", reason: "post \(id) is not waiting for review (it is \(post.status))")
            }
            post.status = decision.status.rawValue
            try post.update(db)
            try db.execute(
                sql: "INSERT INTO reviewDecision (postId, decision, reason, decidedBy, decidedAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, decision.rawValue, reason, actor, Timestamp.string(now)])
            try db.audit(actor, "review.\(decision.rawValue)", subject: id, detail: reason, at: now)
            return decision.status
        }
    }

    /// How an author's posts were judged: counts by verdict and category, flagged posts of the last
    /// 30 days, and the ten newest flagged posts. Counted in SQL; only those ten rows are read whole.
    public func authorHistory(_ author: String, now: Date) throws -> AuthorHistory {
        try writer.read { db in
            let byVerdictRows = try Row.fetchAll(
                db, sql: "SELECT verdict, COUNT(*) AS count FROM post WHERE authorId = ? GROUP BY verdict", arguments: [author])
            guard !byVerdictRows.isEmpty else { throw StoreError.unknown(kind: "author with posts", id: author) }
            var byVerdict: [String: Int] = [:]
            for row in byVerdictRows { byVerdict[row[0], default: 0] += row[1] }
            var byCategory: [String: Int] = [:]
            let categoryRows = try Row.fetchAll(
                db, sql: "SELECT categories, COUNT(*) FROM post WHERE authorId = ? AND categories <> '' GROUP BY categories",
                arguments: [author])
            for row in categoryRows {
                let categories: String = row[0]
                for category in categories.split(separator: ",") { byCategory[String(category), default: 0] += row[1] }
            }
            let flagged = "post.authorId = ? AND post.verdict IN ('review', 'block')"
            let monthAgo = Timestamp.string(now.addingTimeInterval(-30 * 86_400))
            let recentCount =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM post WHERE \(flagged) AND post.submittedAt >= ?", arguments: [author, monthAgo]) ?? 0
            let recent = try Row.fetchAll(
                db,
                sql:
                    "SELECT \(Self.summaryColumns) FROM post LEFT JOIN reviewDecision ON reviewDecision.postId = post.id WHERE \(flagged) ORDER BY post.submittedAt DESC LIMIT 10",
                arguments: [author])
            return AuthorHistory(
                authorId: author, posts: byVerdict.values.reduce(0, +), byVerdict: byVerdict, byCategory: byCategory,
                flaggedLast30Days: recentCount, recentFlagged: recent.map(Self.summary))
        }
    }

    public func postRecord(_ id: String) throws -> PostRecord {
        guard let post = try post(id) else { throw StoreError.unknown(kind: "post", id: id) }
        return post
    }
}
