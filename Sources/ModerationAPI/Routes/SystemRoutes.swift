import Hummingbird
import NIOCore

/// Health, metrics and the API description: no token needed, no personal data in them.
struct SystemRoutes {
    let service: ModerationService

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("health", use: health)
        router.get("metrics", use: metrics)
        router.get("openapi.yaml", use: openAPI)
    }

    @Sendable func health(request: Request, context: APIRequestContext) async throws -> Response {
        let database = (try? service.contexts.snapshot(now: service.now())) != nil
        return try .json(
            ["status": database ? "ok" : "degraded", "database": database ? "ok" : "unavailable"],
            status: database ? .ok : .serviceUnavailable)
    }

    @Sendable func metrics(request: Request, context: APIRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: service.metrics.text())))
    }

    @Sendable func openAPI(request: Request, context: APIRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml"],
            body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
    }
}
