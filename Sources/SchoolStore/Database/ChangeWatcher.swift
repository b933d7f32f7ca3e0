import GRDB

/// Tells cheaply whether anything was committed to the database since the last look, by any
/// connection or process: SQLite's `PRAGMA data_version` on a connection of its own. A server asks
/// this on every request and rereads the school only when it changed, so a change made with the CLI
/// (a deactivation, a withdrawn consent) counts from the very next request.
public final class ChangeWatcher: Sendable {
    private let connection: DatabaseQueue?

    init(path: String?) throws {
        guard let path else {
            connection = nil
            return
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// A number that changes whenever another connection commits; nil when the store cannot tell
    /// (an in-memory store: ask the store itself every time).
    public func version() throws -> Int64? {
        guard let connection else { return nil }
        return try connection.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) }
    }
}

extension SchoolStore {
    public func changeWatcher() throws -> ChangeWatcher {
        try ChangeWatcher(path: writer is DatabasePool ? location : nil)
    }
}
