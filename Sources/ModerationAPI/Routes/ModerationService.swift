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

    public init(store: SchoolStore, engine: Engine, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.store = store
        self.engine = engine
        self.contexts = try ContextCache(store: store, engine: engine)
        self.metrics = Metrics()
        self.now = now
    }
}
