import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

/// The directie's review queue from the command line: the same store operations as the API.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "The directie's review queue: list flagged posts, open one (logged), decide, see an author's record.",
        subcommands: [List.self, Show.self, Decide.self, Author.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Flagged posts, newest first (no texts).")
        @Option(help: "pending (default), approved, rejected, removed or all.") var status: String = "pending"
        @Option(help: "Only this group.") var group: String?
        @Option(help: "Only posts with a finding in this category.") var category: String?
        @Option(help: "At most this many (1–500).") var limit: Int = 50
        @Option(help: "text or json.") var format: Format = .text
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard ReviewFilter(rawValue: status) != nil else {
                throw ValidationError("--status must be one of \(ReviewFilter.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let category, PolicyEngine.Category(rawValue: category) == nil {
                throw ValidationError("--category must be one of \(PolicyEngine.Category.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...500).contains(limit) else { throw ValidationError("--limit must be from 1 to 500") }
        }

        func run() throws {
            let database = try store.open()
            let page = try storeOperation {
                try database.reviews(filter: ReviewFilter(rawValue: status)!, group: group, category: category, limit: limit, offset: 0)
            }
            switch format {
            case .json: Console.out(try JSONOutput.string(page, pretty: true))
            case .text:
                Console.out(
                    table(
                        ["id", "group", "author", "submitted", "verdict", "status", "categories"],
                        page.items.map {
                            [
                                $0.id, $0.groupId ?? "", $0.authorId ?? "", $0.submittedAt, $0.verdict, $0.status,
                                $0.categories.joined(separator: ", "),
                            ]
                        }))
                Console.out("\(page.items.count) of \(page.total) shown")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a flagged post with its text and findings (written to the audit log).")
        @Argument(help: "Post id.") var id: String
        @Option(help: "text or json.") var format: Format = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let detail = try storeOperation { try database.review(id, viewer: store.resolvedActor, now: Date()) }
            switch format {
            case .json: Console.out(try JSONOutput.string(detail, pretty: true))
            case .text:
                let summary = detail.summary
                Console.out(
                    "post \(summary.id) by \(summary.authorId ?? "?") in \(summary.groupId ?? "?"), \(summary.postedAt ?? summary.submittedAt): \(summary.status)"
                )
                if let decision = summary.decision {
                    Console.out("decided: \(decision) by \(detail.decidedBy ?? "?") at \(detail.decidedAt ?? "?"): \(detail.reason ?? "")")
                }
                if let text = detail.text {
                    let post = Post(kind: Post.Kind(rawValue: detail.kind) ?? .post, text: text)
                    Console.out(TextReportFormatter(language: .nl, color: false).format(detail.report, post: post, source: summary.id))
                } else {
                    Console.out(
                        "(the text was dropped by the retention purge; \(detail.report.findings.count) findings, verdict \(detail.report.verdict.rawValue))"
                    )
                }
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve (publish), reject or remove a post waiting for review, with a reason.")
        @Argument(help: "Post id.") var id: String
        @Flag(help: "The decision.") var decision: ReviewDecisionKind
        @Option(help: "Why (goes to the audit log).") var reason: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let status = try storeOperation {
                try database.decide(id, decision: decision, reason: reason, actor: store.resolvedActor, now: Date())
            }
            Console.out("post \(id): \(status.rawValue)")
        }
    }

    struct Author: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How often an author's posts were flagged, by verdict and category.")
        @Argument(help: "Staff or parent id.") var id: String
        @Option(help: "text or json.") var format: Format = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let history = try storeOperation { try database.authorHistory(id, now: Date()) }
            switch format {
            case .json: Console.out(try JSONOutput.string(history, pretty: true))
            case .text:
                Console.out("\(history.authorId): \(history.posts) posts, \(history.flaggedLast30Days) flagged in the last 30 days")
                Console.out(
                    "by verdict: " + history.byVerdict.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                Console.out(
                    "by category: " + history.byCategory.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
    }
}

extension ReviewDecisionKind: EnumerableFlag {}
