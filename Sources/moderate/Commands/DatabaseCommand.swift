import ArgumentParser
import Foundation
import SchoolStore

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The database itself: online backup, retention purge, integrity check, statistics.",
        subcommands: [Backup.self, Purge.self, Check.self, Stats.self]
    )

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy the live database to a new file (SQLite online backup).")
        @Argument(help: ArgumentHelp("The backup file (must not exist).", valueName: "file")) var destination: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            try storeOperation { try database.backup(to: destination) }
            Console.out("backup written to \(destination)")
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop the text of flagged posts (review, rejected, removed) older than N days; verdict counts stay.")
        @Option(help: "Keep flagged texts this many days.") var days: Int = 90
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let purged = try storeOperation { try database.purgeFlaggedText(olderThan: days, actor: store.resolvedActor, now: Date()) }
            Console.out("texts of \(purged) flagged posts older than \(days) days dropped")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run SQLite's integrity check.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let result = try storeOperation { try database.integrityCheck() }
            Console.out(result.joined(separator: "\n"))
            if result != ["ok"] { throw ExitStatus.needsAttention.code }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many posts had which verdict and status.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let counts = try storeOperation { try database.verdictCounts() }
            Console.out(table(["verdict", "status", "posts"], counts.map { [$0.verdict, $0.status, String($0.count)] }))
        }
    }
}

struct PostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posts",
        abstract: "Posts already submitted.",
        subcommands: [Remove.self]
    )

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a post down (directie or group administrator), with a reason.")
        @Argument var id: String
        @Option(help: "Why it is removed (goes to the audit log).") var reason: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            try storeOperation { try database.removePost(id, reason: reason, actor: store.resolvedActor, now: Date()) }
            Console.out("post \(id) removed")
        }
    }
}
