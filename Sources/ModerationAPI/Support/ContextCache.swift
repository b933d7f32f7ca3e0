import Foundation
import PolicyEngine
import SchoolStore
import Synchronization

/// What the server keeps in memory between requests: the school prepared for the engine, each
/// group's prepared context with its recent posts, and the tokens already verified.
///
/// Every request first asks the store's change watcher (one cheap `PRAGMA data_version`). While
/// nothing was committed, everything here is current. After a commit by anyone (this server, the
/// CLI, another process), the group histories are dropped; when the school's facts or tokens
/// changed too (the store's revision), the prepared school and the verified tokens are dropped as
/// well. So a deactivation or a withdrawn consent counts from the very next request.
final class ContextCache: Sendable {
    /// The school as one request sees it, from its first look at the store to its answer.
    struct Snapshot: Sendable {
        fileprivate var dataVersion: Int64?
        fileprivate var revision: Int64
        let school: PreparedContext
    }

    private struct State {
        var snapshot: Snapshot
        var groups: [String: PreparedContext] = [:]
        /// SHA-256 of the whole token → its owner.
        var tokens: [String: TokenIdentity] = [:]
    }

    private let store: SchoolStore
    private let engine: Engine
    private let watcher: ChangeWatcher
    private let state = Mutex<State?>(nil)

    init(store: SchoolStore, engine: Engine) throws {
        self.store = store
        self.engine = engine
        watcher = try store.changeWatcher()
    }

    /// The current school, reread from the store only when something was committed since the last look.
    func snapshot(now: Date) throws -> Snapshot {
        // Read the version before the data: a commit in between makes the next request look again.
        let version = try watcher.version()
        let previous = state.withLock { $0?.snapshot }
        if let version, let previous, previous.dataVersion == version { return previous }
        let revision = try store.revision()
        let fresh: Snapshot
        if let previous, previous.revision == revision {
            fresh = Snapshot(dataVersion: version, revision: revision, school: previous.school)
        } else {
            fresh = Snapshot(dataVersion: version, revision: revision, school: engine.prepare(try store.context(now: now, historyDays: 0)))
        }
        state.withLock { state in
            // Posts may have changed: group histories go. Tokens stay while the revision does.
            let tokens = state?.snapshot.revision == revision ? state?.tokens ?? [:] : [:]
            state = State(snapshot: fresh, tokens: tokens)
        }
        return fresh
    }

    /// The prepared context for a post in `group`: the school plus the group's recent posts.
    func context(for group: String?, in snapshot: Snapshot, now: Date) throws -> PreparedContext {
        guard let group else { return snapshot.school }
        if let cached = state.withLock({ $0?.snapshot.dataVersion == snapshot.dataVersion ? $0?.groups[group] : nil }),
            snapshot.dataVersion != nil
        {
            return cached
        }
        let prepared = snapshot.school.replacingHistory(try store.history(group: group, now: now))
        state.withLock { state in
            if state?.snapshot.dataVersion == snapshot.dataVersion, state?.snapshot.revision == snapshot.revision {
                state?.groups[group] = prepared
            }
        }
        return prepared
    }

    /// The owner of a bearer token, or nil when it is unknown, revoked, or its owner is inactive or erased.
    func identity(token: String, in snapshot: Snapshot) throws -> TokenIdentity? {
        let key = SchoolStore.hash(token)
        if let known = state.withLock({ $0?.snapshot.revision == snapshot.revision ? $0?.tokens[key] : nil }), snapshot.dataVersion != nil {
            return known
        }
        guard let identity = try store.verifyToken(token) else { return nil }
        state.withLock { state in
            // Only remember it for the revision it was verified against; at most a few thousand.
            if state?.snapshot.revision == snapshot.revision, (state?.tokens.count ?? 0) < 10_000 { state?.tokens[key] = identity }
        }
        return identity
    }
}

extension ContextCache.Snapshot {
    /// The school's group with this id, if there is one.
    func group(withID id: String) -> SchoolContext.Group? { school.context.groups?.first { $0.id == id } }

    /// The group a request names; 422 naming the field when the school has no such group.
    func requireGroup(_ id: String, field: String = "group") throws -> SchoolContext.Group {
        guard let group = group(withID: id) else { throw Problem.invalid("this school has no group '\(id)'", field: field) }
        return group
    }
}
