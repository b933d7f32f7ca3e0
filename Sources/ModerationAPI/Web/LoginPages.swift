import Crypto
import Foundation
import Hummingbird
import HummingbirdOTP
import PolicyEngine
import SchoolStore

/// Signing in: password (bcrypt), then for the directie and the administration a TOTP code from an
/// authenticator app (seed 002), enrolled at the first sign-in, with recovery codes. The session id
/// changes when the second factor is given. Failed attempts are throttled and go to the audit log.
struct LoginPages {
    let service: ModerationService
    let pages: Pages
    let settings: WebSettings
    let throttle: LoginThrottle

    /// Before sign-in, forms carry a token that must match a cookie (double submit), so another
    /// site cannot sign a browser in to an account of its choosing.
    static let loginCookie = "moderate_login"

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("/", use: home)
        router.get("inloggen", use: loginForm)
        router.post("inloggen", use: login)
        router.get("inloggen/code", use: codeForm)
        router.post("inloggen/code", use: code)
        router.get("inloggen/koppelen", use: enrolForm)
        router.post("inloggen/koppelen", use: enrol)
        router.post("uitloggen", use: logout)
    }

    /// Roles that must give a second factor.
    static func needsSecondFactor(_ role: Post.Role) -> Bool { role == .directie || role == .admin }

    @Sendable func home(request: Request, context: APIRequestContext) async throws -> Response {
        guard let user = context.identity, context.web?.complete == true else { return .seeOther("/inloggen") }
        return .seeOther(Pages.home(for: user.role))
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if settings.secureCookies { cookie += "; Secure" }
        return cookie
    }

    @Sendable func loginForm(request: Request, context: APIRequestContext) async throws -> Response {
        if let user = context.identity, context.web?.complete == true { return .seeOther(Pages.home(for: user.role)) }
        return loginPage(request, context, login: "", error: nil, status: .ok)
    }

    private func loginPage(
        _ request: Request, _ context: APIRequestContext, login: String, error: String?, status: HTTPResponse.Status
    ) -> Response {
        let token = request.cookie(Self.loginCookie).flatMap { $0.count == 43 ? $0 : nil } ?? WebSecrets.token()
        var response = pages.render(
            "login", (["loginCSRF": token, "login": login, "error": error] as [String: Any?]).compactMapValues { $0 }, context: context,
            status: status)
        response.headers[values: .setCookie].append(cookie(Self.loginCookie, token, maxAge: 3600))
        return response
    }

    @Sendable func login(request: Request, context: APIRequestContext) async throws -> Response {
        let form = try await request.form(limit: 8 * 1024)
        guard let sent = form["_csrf"], let expected = request.cookie(Self.loginCookie), WebSecrets.equal(sent, expected) else {
            return loginPage(
                request, context, login: "", error: "Het formulier was verlopen. Probeer het nog een keer.", status: .forbidden)
        }
        let name = (form["login"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form["password"] ?? ""
        let now = service.now()
        let account = try service.store.staffLogin(name)
        let accountKey = account?.id ?? "unknown:" + SchoolStore.hash(name.lowercased())
        if throttle.isBlocked(account: accountKey, address: context.remoteAddress, now: now.timeIntervalSince1970) {
            try await audit("login.throttled", subject: account?.id, detail: "too many failed attempts")
            return loginPage(
                request, context, login: name,
                error:
                    "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw, of vraag de administratie om een nieuw wachtwoord.",
                status: .tooManyRequests)
        }
        // bcrypt takes a moment: off the request threads, like a store write.
        let verified = await service.computing { account.map { SchoolStore.verifyPassword(password, $0) } ?? false }
        guard let account, verified, account.active else {
            throttle.fail(account: accountKey, address: context.remoteAddress, now: now.timeIntervalSince1970)
            let reason = account == nil ? "unknown account" : !verified ? "wrong password" : "account deactivated"
            try await audit("login.failed", subject: account?.id, detail: reason)
            return loginPage(
                request, context, login: name,
                error:
                    "Deze combinatie van gebruikersnaam en wachtwoord klopt niet. Let op hoofdletters; lukt het niet, vraag de administratie om een nieuw wachtwoord.",
                status: .unauthorized)
        }
        throttle.succeed(account: accountKey)
        let complete = !Self.needsSecondFactor(account.role)
        var response: Response
        if complete {
            try await audit("login", subject: account.id, detail: "password")
            response = .seeOther(Pages.home(for: account.role))
        } else {
            response = .seeOther(account.totpConfirmed ? "/inloggen/code" : "/inloggen/koppelen")
        }
        let token = try await startSession(for: account.id, complete: complete, replacing: context.web)
        response.headers[values: .setCookie].append(cookie(WebAuthenticator.cookie, token))
        return response
    }

    /// A new session (a new id: whatever the browser held before is no longer valid).
    private func startSession(for staff: String, complete: Bool, replacing old: WebSession?) async throws -> String {
        let token = WebSecrets.token()
        let now = service.now().timeIntervalSince1970
        let record = WebSessionRecord(
            idHash: SchoolStore.hash(token), staffId: staff, csrf: WebSecrets.token(), secondFactor: complete, createdAt: now,
            lastSeenAt: now)
        try await service.writing { store in
            if let old { try store.endSession(idHash: old.idHash) }
            try store.purgeSessions(idleBefore: now - settings.idleTimeout, createdBefore: now - settings.absoluteTimeout)
            try store.createSession(record)
        }
        return token
    }

    private func audit(_ action: String, subject: String?, detail: String?) async throws {
        let now = service.now()
        try await service.writing {
            try $0.recordAudit(actor: subject ?? "web", action: action, subject: subject, detail: detail, now: now)
        }
    }

    /// The half-signed-in staff member (password given, second factor not yet).
    private func pending(_ context: APIRequestContext) throws -> (StaffLogin, WebSession) {
        guard let user = context.identity, let web = context.web, let login = try service.store.staffLogin(id: user.id) else {
            throw WebRedirect(location: "/inloggen")
        }
        if web.complete { throw WebRedirect(location: Pages.home(for: user.role)) }
        return (login, web)
    }

    @Sendable func codeForm(request: Request, context: APIRequestContext) async throws -> Response {
        let (login, _) = try pending(context)
        guard login.totpConfirmed else { return .seeOther("/inloggen/koppelen") }
        return pages.render("code", [:], context: context)
    }

    @Sendable func code(request: Request, context: APIRequestContext) async throws -> Response {
        let (login, web) = try pending(context)
        let form = try await request.form(limit: 8 * 1024)
        try context.requireCSRF(form)
        guard login.totpConfirmed, let secret = login.totpSecret else { return .seeOther("/inloggen/koppelen") }
        let now = service.now()
        if throttle.isBlocked(account: login.id, address: context.remoteAddress, now: now.timeIntervalSince1970) {
            try await audit("login.throttled", subject: login.id, detail: "too many failed codes")
            return pages.render(
                "code", ["error": "Te veel mislukte pogingen. Wacht een kwartier en probeer het opnieuw."], context: context,
                status: .tooManyRequests)
        }
        let entered = (form["code"] ?? "").filter { !$0.isWhitespace && $0 != "-" }
        var accepted = false
        var how = "totp"
        if entered.count == 6, entered.allSatisfy(\.isNumber) {
            if let step = Self.matchingStep(secret: secret, code: entered, at: now) {
                accepted = try await service.writing { try $0.claimSecondFactorStep(staff: login.id, step: step, now: now) }
            }
        } else if !entered.isEmpty {
            how = "recovery code"
            let hash = SchoolStore.hash(entered.lowercased())
            accepted = try await service.writing { try $0.useRecoveryCode(staff: login.id, hash: hash, now: now) }
        }
        guard accepted else {
            throttle.fail(account: login.id, address: context.remoteAddress, now: now.timeIntervalSince1970)
            try await audit("login.failed", subject: login.id, detail: "wrong or reused \(how)")
            return pages.render(
                "code",
                ["error": "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app en typ die in."],
                context: context, status: .unauthorized)
        }
        throttle.succeed(account: login.id)
        try await audit("login", subject: login.id, detail: "password and \(how)")
        var response = Response.seeOther(Pages.home(for: login.role))
        let token = try await startSession(for: login.id, complete: true, replacing: web)
        response.headers[values: .setCookie].append(cookie(WebAuthenticator.cookie, token))
        return response
    }

    /// The time step (±1 around now, 30 s each) whose code is `code`, if any.
    static func matchingStep(secret: String, code: String, at now: Date) -> Int64? {
        let totp = TOTP(secret: secret)
        let step = Int64(now.timeIntervalSince1970 / 30)
        for candidate in [step, step - 1, step + 1] {
            let expected = totp.compute(date: Date(timeIntervalSince1970: Double(candidate) * 30 + 1))
            if WebSecrets.equal(String(format: "%06d", expected), code) { return candidate }
        }
        return nil
    }

    @Sendable func enrolForm(request: Request, context: APIRequestContext) async throws -> Response {
        let (login, _) = try pending(context)
        return try await enrolPage(login, context, error: nil, status: .ok)
    }

    private func enrolPage(_ login: StaffLogin, _ context: APIRequestContext, error: String?, status: HTTPResponse.Status) async throws
        -> Response
    {
        guard !login.totpConfirmed else { return .seeOther("/inloggen/code") }
        var secret = login.totpSecret
        if secret == nil {
            // 32 characters from a 32-letter alphabet: 160 bits, as RFC 4226 recommends.
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            var generator = SystemRandomNumberGenerator()
            let fresh = String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
            let now = service.now()
            try await service.writing { try $0.beginSecondFactor(staff: login.id, secret: fresh, now: now) }
            secret = fresh
        }
        let totp = TOTP(secret: secret!)
        let url = totp.createAuthenticatorURL(label: "moderate:\(login.id)", issuer: "moderate")
        let key = url.split(separator: "secret=").last.map { String($0.prefix { $0 != "&" }) } ?? ""
        let grouped = stride(from: 0, to: key.count, by: 4).map { offset in
            String(key.dropFirst(offset).prefix(4))
        }.joined(separator: " ")
        return pages.render(
            "enrol", (["qr": QRCode.svg(url), "key": grouped, "url": url, "error": error] as [String: Any?]).compactMapValues { $0 },
            context: context, status: status)
    }

    @Sendable func enrol(request: Request, context: APIRequestContext) async throws -> Response {
        let (login, web) = try pending(context)
        let form = try await request.form(limit: 8 * 1024)
        try context.requireCSRF(form)
        guard !login.totpConfirmed, let secret = login.totpSecret else { return .seeOther("/inloggen/code") }
        let now = service.now()
        let entered = (form["code"] ?? "").filter { !$0.isWhitespace }
        let codes = (0..<10).map { _ in Self.recoveryCode() }
        var accepted = false
        if let step = Self.matchingStep(secret: secret, code: entered, at: now) {
            let hashes = codes.map { SchoolStore.hash($0.replacingOccurrences(of: "-", with: "")) }
            accepted = try await service.writing {
                try $0.claimSecondFactorStep(staff: login.id, step: step, recoveryCodeHashes: hashes, now: now)
            }
        }
        guard accepted else {
            throttle.fail(account: login.id, address: context.remoteAddress, now: now.timeIntervalSince1970)
            try await audit("login.failed", subject: login.id, detail: "wrong code at enrolment")
            return try await enrolPage(
                login, context, error: "Deze code klopt niet. Controleer of de klok van uw telefoon goed staat en typ de nieuwste code.",
                status: .unprocessableContent)
        }
        try await audit("login", subject: login.id, detail: "password and new authenticator app")
        let token = try await startSession(for: login.id, complete: true, replacing: web)
        // The codes are shown on this answer only (never stored in clear).
        var signedIn = context
        signedIn.web = nil
        var response = pages.render("recovery", ["codes": codes], context: signedIn)
        response.headers[values: .setCookie].append(cookie(WebAuthenticator.cookie, token))
        return response
    }

    /// Ten lower-case letters and digits in two groups, e.g. `k3m9x-2p7qa`.
    static func recoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<10).map { _ in alphabet.randomElement(using: &generator)! }
        return String(letters[0..<5]) + "-" + String(letters[5..<10])
    }

    @Sendable func logout(request: Request, context: APIRequestContext) async throws -> Response {
        let form = try await request.form(limit: 8 * 1024)
        if let web = context.web {
            try context.requireCSRF(form)
            try await service.writing { try $0.endSession(idHash: web.idHash) }
            if let user = context.identity { try await audit("logout", subject: user.id, detail: nil) }
        }
        var response = Response.seeOther("/inloggen")
        response.headers[values: .setCookie].append(cookie(WebAuthenticator.cookie, "", maxAge: 0))
        return response
    }
}
