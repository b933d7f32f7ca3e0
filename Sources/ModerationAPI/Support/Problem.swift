import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore
import PolicyEngine
import SchoolStore

/// An error response as RFC 9457 describes it (`application/problem+json`): a type, a title, the
/// status, and a detail specific enough to act on; `field` names the input at fault.
public struct Problem: Error, Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var field: String?

    public init(_ status: HTTPResponse.Status, type: String, detail: String, field: String? = nil) {
        self.type = "https://moderate.example/problems/\(type)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.field = field
    }

    public var statusCode: HTTPResponse.Status { HTTPResponse.Status(code: status) }

    public func response() throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(self)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"moderate\"" }
        if status == 503 { headers[.retryAfter] = "2" }
        return Response(status: statusCode, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(.badRequest, type: "malformed-request", detail: detail, field: field)
    }
    static func invalid(_ detail: String, field: String?) -> Problem {
        Problem(.unprocessableContent, type: "invalid-field", detail: detail, field: field)
    }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, type: "not-found", detail: detail) }
    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, type: "forbidden", detail: detail) }
    static let unauthorized = Problem(.unauthorized, type: "unauthorized", detail: "send a valid bearer token: Authorization: Bearer mdr_…")

    /// Maps whatever a handler threw to a problem; nothing escapes as a bare 500.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let error as InputError:
            // "body:1:14: not valid JSON: …" names the place; a field error names the field.
            return error.kind == .syntax ? .badRequest(error.description) : .invalid(error.message, field: error.field)
        case let error as StoreError: return from(error)
        case let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode):
            // A long import or a backup holds the database: the client may simply try again.
            return Problem(
                .serviceUnavailable, type: "busy", detail: "the school database is busy (an import or backup is running); try again shortly"
            )
        case is NIOTooManyBytesError:
            return Problem(.contentTooLarge, type: "too-large", detail: "the request body is larger than the server accepts")
        case let error as HTTPError:
            let status = error.status
            let detail = error.body ?? (status == .notFound ? "no such endpoint" : status.reasonPhrase)
            return Problem(status, type: status == .notFound ? "not-found" : "http-\(status.code)", detail: detail)
        case let error as any HTTPResponseError:
            return Problem(error.status, type: "http-\(error.status.code)", detail: error.status.reasonPhrase)
        default:
            return Problem(.internalServerError, type: "internal", detail: "the server could not handle this request; it has been logged")
        }
    }

    static func from(_ error: StoreError) -> Problem {
        switch error {
        case .unknown(let kind, let id): return .notFound("no \(kind) with id '\(id)'")
        case .duplicate: return Problem(.conflict, type: "conflict", detail: error.description)
        case .invalid(let field, let reason): return .invalid("\(field): \(reason)", field: field)
        case .inactiveStaff: return .forbidden(error.description)
        case .importRejected: return .invalid(error.description, field: nil)
        case .noSchool: return Problem(.serviceUnavailable, type: "no-school", detail: error.description)
        case .cannotOpen, .exists: return Problem(.internalServerError, type: "store", detail: "the database is not available")
        }
    }
}

/// Turns every error into problem+json, including the router's own 404 and 405 and Hummingbird's 413.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && [nil, "NotFound"].contains(context.endpointPath) {
            guard let methods = routes.methods(for: request.uri.path) else {
                return try Problem.notFound("no endpoint \(request.uri.path); the API is described at /openapi.yaml").response()
            }
            var response = try Problem(
                .methodNotAllowed, type: "method-not-allowed",
                detail: "\(request.uri.path) accepts \(methods.joined(separator: ", ")), not \(request.method)"
            ).response()
            response.headers[.allow] = methods.joined(separator: ", ")
            return response
        } catch {
            let problem = Problem.from(error)
            if problem.status >= 500 {
                // Log the kind of error only: request bodies may hold pupil data.
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"])
            }
            return try problem.response()
        }
    }
}
