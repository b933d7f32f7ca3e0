import Foundation
import Hummingbird
import PolicyEngine
import Prometheus
import Synchronization

/// The service's Prometheus metrics, served at `/metrics`. Labels hold route patterns
/// (`/v1/reviews/{id}`), verdicts and statuses, never ids or text.
struct Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    private struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    /// The registry looks metrics up by name and labels under its lock; this keeps the handles of
    /// each (method, route, status) so a request costs one lookup.
    private let handles = Handles()

    private final class Handles: Sendable {
        let map = Mutex<[RequestKey: (Counter, DurationHistogram)]>([:])
    }

    private static let buckets: [Duration] = [
        .microseconds(250), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(100),
        .seconds(1),
    ]

    func request(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestKey(method: method, route: route, status: status)
        if let (counter, histogram) = handles.map.withLock({ $0[key] }) {
            counter.increment()
            histogram.record(duration)
            return
        }
        let counter = registry.makeCounter(
            descriptor: .init(
                namespace: "moderate", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status"),
            labels: [("method", method), ("route", route), ("status", String(status))])
        let histogram = registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "moderate", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer a request"),
            labels: [("route", route)], buckets: Self.buckets)
        handles.map.withLock { $0[key] = (counter, histogram) }
        counter.increment()
        histogram.record(duration)
    }

    /// Checks per verdict and submissions per status: few label values, made once.
    private let checks: [String: Counter]
    private let posts: [String: Counter]

    init() {
        let registry = self.registry
        checks = Dictionary(
            uniqueKeysWithValues: Verdict.allCases.map { verdict in
                let counter = registry.makeCounter(
                    descriptor: .init(
                        namespace: "moderate", metricName: "checks", unitName: "total", helpText: "Posts checked, by verdict"),
                    labels: [("verdict", verdict.rawValue)])
                return (verdict.rawValue, counter)
            })
        posts = Dictionary(
            uniqueKeysWithValues: ["published", "review", "rejected"].map { status in
                let counter = registry.makeCounter(
                    descriptor: .init(
                        namespace: "moderate", metricName: "posts", unitName: "total", helpText: "Posts submitted, by resulting status"),
                    labels: [("status", status)])
                return (status, counter)
            })
    }

    func checked(verdict: String) { checks[verdict]?.increment() }

    func submitted(status: String) { posts[status]?.increment() }

    func text() -> [UInt8] { registry.emitToBuffer() }
}

/// Counts and times every request, including the ones that end in a problem response.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code,
            duration: ContinuousClock.now - start)
        return response
    }
}
