import Foundation
import PolicyEngine
import SchoolStore
import Synchronization

/// The school context prepared for the engine, rebuilt only when the store's revision changes (any
/// process may change the school's facts: the CLI's import, a consent withdrawal, a deactivation).
/// The group's recent posts are read per check, since every submission changes them.
final class ContextCache: Sendable {
    private let store: SchoolStore
    private let engine: Engine
    private let cached = Mutex<(revision: Int64, context: PreparedContext)?>(nil)

    init(store: SchoolStore, engine: Engine) {
        self.store = store
        self.engine = engine
    }

    func context(for group: String?, now: Date) throws -> PreparedContext {
        let revision = try store.revision()
        let prepared: PreparedContext
        if let hit = cached.withLock({ $0 }), hit.revision == revision {
            prepared = hit.context
        } else {
            prepared = engine.prepare(try store.context(now: now, historyDays: 0))
            cached.withLock { $0 = (revision, prepared) }
        }
        guard let group else { return prepared }
        return prepared.replacingHistory(try store.history(group: group, now: now))
    }
}
