import Hummingbird
import HummingbirdAuth
import PolicyEngine

/// Who is calling: the subject of a valid bearer token.
public struct APIUser: Sendable, Equatable {
    public var id: String
    public var role: Post.Role
    public var tokenId: String
}

public struct APIRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: APIUser?
    /// The school as this request sees it; set with the identity.
    var snapshot: ContextCache.Snapshot?
    /// The browser session behind the identity, on the web pages.
    var web: WebSession?
    /// The client's address: failed sign-ins are throttled per address too.
    let remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        snapshot = nil
        web = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The request's snapshot of the school (taken by the authenticator).
    func school() throws -> ContextCache.Snapshot {
        guard let snapshot else { throw Problem(.internalServerError, type: "internal", detail: "the request has no view of the school") }
        return snapshot
    }

    /// Posts are short texts: 64 KiB is generous and keeps abuse cheap.
    public var maxUploadSize: Int { 64 * 1024 }

    /// The caller, if allowed to do `action`; 401 without a valid token, 403 for the wrong role.
    func require(_ action: Action) throws -> APIUser {
        guard let user = identity else { throw Problem.unauthorized }
        guard action.allowed.contains(user.role) else {
            throw Problem.forbidden("a \(user.role.rawValue) may not \(action.description)")
        }
        return user
    }
}
