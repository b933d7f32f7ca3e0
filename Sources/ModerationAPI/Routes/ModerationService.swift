import Foundation
import PolicyEngine
import SchoolStore

/// What the routes share: the store, the engine, the prepared context, the metrics and the clock.
public struct ModerationService: Sendable {
    public let store: SchoolStore
    public let engine: Engine
    let contexts: ContextCache
    let metrics: Metrics
    /// The time of "now"; tests pass a fixed clock.
    let now: @Sendable () -> Date
    /// How the web pages sign people in.
    let web: WebSettings

    public init(store: SchoolStore, engine: Engine, web: WebSettings = WebSettings(), now: @escaping @Sendable () -> Date = { Date() })
        throws
    {
        self.store = store
        self.engine = engine
        self.contexts = try ContextCache(store: store, engine: engine)
        self.metrics = Metrics()
        self.web = web
        self.now = now
    }

    /// Runs slow CPU work (bcrypt) away from Swift's concurrency pool, like `writing`.
    func computing<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Runs a store write away from the request threads: a write may wait up to five seconds for a
    /// database another process holds (an import, a backup), and Swift's concurrency pool has only
    /// one thread per core. Checks go on meanwhile; the caller gets a 503 if the wait runs out.
    func writing<T: Sendable>(_ work: @escaping @Sendable (SchoolStore) throws -> T) async throws -> T {
        let store = self.store
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work(store) }) }
        }
    }
}
