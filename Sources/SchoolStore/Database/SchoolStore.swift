import Foundation
import GRDB

/// The school's database: one `DatabaseWriter` and its migrations (GRDB's AppDatabase pattern).
///
/// A file opens as a `DatabasePool` (WAL: readers never wait for the writer); tests use an in-memory
/// `DatabaseQueue` as well as real files. Foreign keys are on; every multi-row change runs in one
/// transaction, so a crash leaves the database as it was before the change.
public final class SchoolStore: Sendable {
    public let writer: any DatabaseWriter
    /// Where the database lives ("(memory)" for an in-memory store), for messages.
    public let location: String

    public static let defaultFileName = "moderate.sqlite"

    /// The database file to use: `--db`, else `$MODERATE_DB`, else `moderate.sqlite` in the working folder.
    public static func resolvePath(_ flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        flag ?? environment["MODERATE_DB"] ?? defaultFileName
    }

    /// Opens the database at `path`. With `create: false` a missing file is an error rather than a new,
    /// empty database (a typo in --db should not look like an empty school).
    public init(path: String, create: Bool = true) throws {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError.cannotOpen(path: path, reason: "there is no database here; create one with `moderate school init`")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            // Another program holding the database is not a broken database: callers retry.
            if StoreError.isBusy(error) { throw error }
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
        location = path
        try migrate()
    }

    /// A private in-memory database (tests).
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: configuration)
        location = "(memory)"
        try migrate()
    }

    private func migrate() throws {
        do {
            try Self.migrator.migrate(writer)
        } catch {
            if StoreError.isBusy(error) { throw error }
            throw StoreError.cannotOpen(path: location, reason: "migrating the schema failed: \(error)")
        }
    }

    /// Copies the live database into `path` with SQLite's online backup (readers and writers may go on).
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.exists(path: path) }
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }

    /// Runs SQLite's own consistency check.
    public func integrityCheck() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
