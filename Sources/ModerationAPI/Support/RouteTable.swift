import Hummingbird
import Synchronization

/// The API's routes as (pattern, methods), filled once the router is built. Used to answer a known
/// path with the wrong method with 405 and an Allow header, instead of the router's 404.
final class RouteTable: Sendable {
    private let entries = Mutex<[(segments: [Substring], methods: [String])]>([])

    func fill(_ routes: [(path: String, method: String)]) {
        var table: [(segments: [Substring], methods: [String])] = []
        for route in routes {
            let segments = route.path.split(separator: "/")
            if let index = table.firstIndex(where: { $0.segments == segments }) {
                table[index].methods.append(route.method)
            } else {
                table.append((segments, [route.method]))
            }
        }
        entries.withLock { $0 = table }
    }

    /// The methods a path accepts, or nil when no route has this path.
    func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        return entries.withLock { table in
            table.first { entry in
                entry.segments.count == segments.count
                    && zip(entry.segments, segments).allSatisfy { pattern, segment in pattern.first == "{" || pattern == segment }
            }?.methods.sorted()
        }
    }
}
