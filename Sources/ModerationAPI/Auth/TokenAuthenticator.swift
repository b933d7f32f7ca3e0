import Foundation
import Hummingbird
import HummingbirdAuth
import PolicyEngine
import SchoolStore

/// Bearer tokens issued by `moderate staff token`: looked up by id, secret compared by hash, and the
/// staff member's `active` flag checked. Verified tokens are remembered until the school's facts
/// change (see `ContextCache`), so deactivation and revocation take effect at the next request.
/// Also takes the request's snapshot of the school, so one request makes one look at the store.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = APIRequestContext
    let contexts: ContextCache
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let snapshot = try contexts.snapshot(now: now())
        context.snapshot = snapshot
        if let bearer = request.headers.bearer {
            guard let identity = try contexts.identity(token: bearer.token, in: snapshot), let role = Post.Role(rawValue: identity.role)
            else {
                throw Problem(
                    .unauthorized, type: "unauthorized", detail: "the bearer token is unknown, revoked, or its owner is no longer active")
            }
            context.identity = APIUser(id: identity.subjectId, role: role, tokenId: identity.tokenId)
        }
        return try await next(request, context)
    }
}
