import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore
import NIOPosix
import PolicyEngine
import SchoolStore

/// How to run the service: `moderate serve` fills this in.
public struct APIConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var logLevel: Logger.Level = .info
    /// Threads for network I/O. Requests are handled on Swift's concurrency pool (one thread per
    /// core); parsing and writing HTTP needs fewer: half the cores measured best on 2 cores.
    public var ioThreads = max(1, System.coreCount / 2)
    /// A request (headers and body) must arrive within this time, however slowly it trickles in.
    public var requestDeadline: Duration = .seconds(30)
    /// Open connections one client address may hold; more are closed at once. A school sits behind
    /// a few addresses at most; 128 leaves room for a NAT, not for a slow-drip attack.
    public var maxConnectionsPerAddress = 128

    public init(
        host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, ioThreads: Int? = nil,
        maxConnectionsPerAddress: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        if let ioThreads { self.ioThreads = ioThreads }
        if let maxConnectionsPerAddress { self.maxConnectionsPerAddress = maxConnectionsPerAddress }
    }
}

/// Wires the routes, middleware and authentication; tests call it with the real router.
public func buildRouter(_ service: ModerationService) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: service.metrics))
    let routes = RouteTable()
    router.add(middleware: ProblemMiddleware(routes: routes))
    SystemRoutes(service: service).add(to: router)
    let authenticated = router.group().add(middleware: TokenAuthenticator(contexts: service.contexts, now: service.now))
    PostRoutes(service: service).add(to: authenticated)
    ReviewRoutes(service: service).add(to: authenticated)
    ConsentRoutes(service: service).add(to: authenticated)
    addWebPages(to: router, service: service)
    routes.fill(router.routes.map { ($0.path.description, $0.method.rawValue) })
    return router
}

/// The web pages for teachers, the directie and the administration (issue 10), beside the API:
/// cookie sessions instead of bearer tokens, HTML instead of JSON, the same roles and store.
func addWebPages(to router: Router<APIRequestContext>, service: ModerationService) {
    let pages: Pages
    do { pages = try Pages() } catch { fatalError("a bundled page template does not parse: \(error)") }
    router.get("static/moderate.css") { _, _ in
        var headers = WebHeaders.common
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Pages.stylesheet)))
    }
    // The authenticator first, so an error page still shows the signed-in menu.
    let web = router.group()
        .add(middleware: WebAuthenticator(service: service, settings: service.web))
        .add(middleware: WebErrorMiddleware(pages: pages))
    LoginPages(service: service, pages: pages, settings: service.web, throttle: LoginThrottle(settings: service.web)).add(to: web)
    TeacherPages(service: service, pages: pages).add(to: web)
    DirectiePages(service: service, pages: pages).add(to: web)
    AdminPages(service: service, pages: pages, settings: service.web).add(to: web)
}

public func buildApplication(_ service: ModerationService, configuration: APIConfiguration) -> some ApplicationProtocol {
    var logger = Logger(label: "moderate")
    logger.logLevel = configuration.logLevel
    let limiter = ConnectionGuard.Limiter(maxPerAddress: configuration.maxConnectionsPerAddress)
    let deadline = TimeAmount(configuration.requestDeadline)
    return Application(
        router: buildRouter(service),
        // A connection that sends nothing for 30 s is closed, and so is one whose request has not fully
        // arrived 30 s after it could start: idle, half-sent or trickled requests hold nothing for long.
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionGuard(deadline: deadline, limiter: limiter)], idleTimeout: .seconds(30))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "moderate"),
        eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup(numberOfThreads: configuration.ioThreads)),
        logger: logger)
}
