import Foundation
import Hummingbird
import Logging
import PolicyEngine
import SchoolStore

/// The web pages' sign-in: the session cookie is looked up by its hash in the school database, so
/// sessions survive a restart and end at once when the staff member is deactivated or changes
/// password (the store deletes them). Idle and absolute expiry are checked on every request.
struct WebAuthenticator: RouterMiddleware {
    typealias Context = APIRequestContext
    static let cookie = "moderate_session"
    let service: ModerationService
    let settings: WebSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let snapshot = try service.contexts.snapshot(now: service.now())
        context.snapshot = snapshot
        if let token = request.cookie(Self.cookie), token.count <= 64 {
            let hash = SchoolStore.hash(token)
            let now = service.now().timeIntervalSince1970
            if let (session, role, active) = try service.store.sessionWithStaff(idHash: hash) {
                let expired = now - session.lastSeenAt > settings.idleTimeout || now - session.createdAt > settings.absoluteTimeout
                if expired {
                    try await service.writing { try $0.endSession(idHash: hash) }
                } else if active {
                    context.identity = APIUser(id: session.staffId, role: role, tokenId: "session")
                    context.web = WebSession(idHash: hash, csrf: session.csrf, complete: session.secondFactor)
                    if now - session.lastSeenAt > 60 { try await service.writing { try $0.touchSession(idHash: hash, at: now) } }
                }
            }
        }
        return try await next(request, context)
    }
}

/// Turns what a page handler threw into a page: a redirect, or an error page that says what to do.
/// Nothing reaches the API's problem+json; nothing shows a stack or a pupil the caller may not see.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as WebRedirect {
            return .seeOther(redirect.location)
        } catch let error as WebError {
            return pages.error(error, context: context)
        } catch let error as StoreError {
            return pages.error(Self.webError(error), context: context)
        } catch {
            let problem = Problem.from(error)
            if problem.status >= 500 {
                context.logger.error("page failed", metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"])
            }
            let message =
                switch problem.status {
                case 413: "Het bestand of de tekst is te groot. Maak het kleiner en probeer het opnieuw."
                case 503: "De schooldatabase is even bezet (een import of back-up). Probeer het over een paar seconden opnieuw."
                case 404: "Deze pagina bestaat niet. Ga terug naar uw startpagina."
                case 400..<500: problem.detail
                default: "Er ging iets mis op de server. Probeer het opnieuw; blijft het misgaan, meld het dan bij de administratie."
                }
            return pages.error(WebError(status: problem.statusCode, message: message), context: context)
        }
    }

    static func webError(_ error: StoreError) -> WebError {
        switch error {
        case .unknown: .notFound()
        case .duplicate(let kind, let id): WebError(status: .conflict, message: "Er bestaat al een \(kind) ‘\(id)’. Kies een andere.")
        case .invalid(_, let reason): WebError(status: .unprocessableContent, message: reason)
        case .inactiveStaff: WebError(status: .forbidden, message: "Uw account is niet meer actief. Neem contact op met de administratie.")
        case .importRejected(let problems):
            WebError(
                status: .unprocessableContent,
                message: "De import is geweigerd; er is niets veranderd. \(problems.count) probleem/problemen.")
        case .noSchool: WebError(status: .serviceUnavailable, message: "De school is nog niet ingericht.")
        case .cannotOpen, .exists: WebError(status: .internalServerError, message: "De schooldatabase is niet beschikbaar.")
        }
    }
}

extension APIRequestContext {
    /// The signed-in staff member of a page, allowed to do `action` (the API's rules); otherwise a
    /// redirect to the sign-in page, or a page saying this is not for their role.
    func page(_ action: Action) throws -> APIUser {
        guard let user = identity, let web, web.complete else { throw WebRedirect(location: "/inloggen") }
        guard action.allowed.contains(user.role) else { throw WebError.forbidden() }
        return user
    }

    /// A form must carry the session's CSRF token.
    func requireCSRF(_ form: WebForm) throws {
        guard let web, let sent = form["_csrf"], WebSecrets.equal(sent, web.csrf) else {
            throw WebError(
                status: .forbidden,
                message: "Dit formulier is verlopen of kwam niet van deze pagina. Laad de pagina opnieuw en probeer het nog eens.")
        }
    }
}
