import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import PolicyEngine
import SchoolStore

/// How to run the service: `moderate serve` fills this in.
public struct APIConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var logLevel: Logger.Level = .info

    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
    }
}

/// Wires the routes, middleware and authentication; tests call it with the real router.
public func buildRouter(_ service: ModerationService) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: service.metrics))
    let routes = RouteTable()
    router.add(middleware: ProblemMiddleware(routes: routes))
    SystemRoutes(service: service).add(to: router)
    let authenticated = router.group().add(middleware: TokenAuthenticator(store: service.store))
    PostRoutes(service: service).add(to: authenticated)
    ReviewRoutes(service: service).add(to: authenticated)
    ConsentRoutes(service: service).add(to: authenticated)
    routes.fill(router.routes.map { ($0.path.description, $0.method.rawValue) })
    return router
}

public func buildApplication(_ service: ModerationService, configuration: APIConfiguration) -> some ApplicationProtocol {
    var logger = Logger(label: "moderate")
    logger.logLevel = configuration.logLevel
    return Application(
        router: buildRouter(service),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "moderate"),
        logger: logger)
}
