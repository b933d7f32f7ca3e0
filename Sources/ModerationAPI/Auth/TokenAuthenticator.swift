import Hummingbird
import HummingbirdAuth
import PolicyEngine
import SchoolStore

/// Bearer tokens issued by `moderate staff token`: looked up by id, secret compared by hash, and the
/// staff member's `active` flag checked on every request, so deactivation takes effect at once.
struct TokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = APIRequestContext
    let store: SchoolStore

    func authenticate(request: Request, context: APIRequestContext) async throws -> APIUser? {
        guard let bearer = request.headers.bearer else { return nil }
        guard let identity = try store.verifyToken(bearer.token), let role = Post.Role(rawValue: identity.role) else {
            throw Problem(
                .unauthorized, type: "unauthorized", detail: "the bearer token is unknown, revoked, or its owner is no longer active")
        }
        return APIUser(id: identity.subjectId, role: role, tokenId: identity.tokenId)
    }
}
