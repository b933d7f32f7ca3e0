import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import ModerationAPI
import NIOCore
import SchoolStore
import Synchronization
import Testing

/// A browser in miniature over the real router: keeps cookies, sends forms, reads the CSRF token.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var lastSetCookies: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        try await send(.get, path, body: nil, contentType: nil)
    }

    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        var fields = fields
        if csrf, let token = self.csrf { fields.append(("_csrf", token)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await send(.post, path, body: body, contentType: "application/x-www-form-urlencoded")
        postSetCookies = lastSetCookies
        // Like a browser, follow the redirect (post, redirect, get): the next form's token comes from there.
        if response.status == .seeOther, let location = response.location { try await get(location) }
        return response
    }

    /// The last page received (after a POST: the page it redirected to, with the form's message).
    var lastPage = ""

    /// The cookies the last POST set (before its redirect was followed).
    var postSetCookies: [String] = []

    /// The last page's CSRF token (the hidden `_csrf` field).
    var csrf: String?

    private func send(_ method: HTTPRequest.Method, _ path: String, body: String?, contentType: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        lastSetCookies = response.headers[values: .setCookie]
        for cookie in lastSetCookies {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 {
                if pair[1].isEmpty { cookies.removeValue(forKey: String(pair[0])) } else { cookies[String(pair[0])] = String(pair[1]) }
            }
        }
        let text = String(buffer: response.body)
        lastPage = text
        if let range = text.range(of: #"name="_csrf" value=""#) {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"])) ?? text
    }

    /// Signs in with a password (the login page first, for its cookie and token).
    @discardableResult
    func login(_ account: String, password: String) async throws -> TestResponse {
        try await get("/inloggen")
        return try await post("/inloggen", [("login", account), ("password", password)])
    }
}

/// A clock the test moves.
final class TestClock: Sendable {
    private let time = Mutex(tuesdayAfternoon)
    func now() -> Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

extension TestResponse {
    var location: String? { headers[.location] }
}

@Suite("Web pages: sign-in, second factor, sessions, roles and forms (through the real router)")
struct WebPagesTests {
    static let password = "een-lang-wachtwoord"

    func fixture(clock: TestClock = TestClock(), secure: Bool = false) throws -> Fixture {
        var settings = WebSettings(secureCookies: secure, bcryptCost: 4)
        settings.maxFailuresPerAccount = 5
        let fixture = try Fixture(now: { clock.now() }, web: settings)
        for account in [Fixture.teacher, Fixture.otherTeacher, Fixture.directie, Fixture.admin] {
            try fixture.store.setPassword(staff: account, password: Self.password, cost: 4, actor: "test", now: tuesdayAfternoon)
        }
        return fixture
    }

    /// The TOTP code for `account` at the clock's time, plus `steps` × 30 s.
    func code(_ fixture: Fixture, _ account: String, at date: Date, steps: Double = 0) throws -> String {
        let secret = try #require(try fixture.store.staffLogin(id: account)?.totpSecret)
        return String(format: "%06d", TOTP(secret: secret).compute(date: date.addingTimeInterval(steps * 30)))
    }

    @Test("a teacher signs in with a password; the session cookie is HttpOnly, SameSite=Strict, stored only as a hash")
    func teacherSignIn() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let web = WebClient(client)
            let start = try await web.get("/leerkracht")
            #expect(start.status == .seeOther && start.location == "/inloggen")
            let login = try await web.login(Fixture.teacher, password: Self.password)
            #expect(login.status == .seeOther && login.location == "/leerkracht")
            let cookie = try #require(web.postSetCookies.first { $0.hasPrefix("moderate_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            let token = try #require(web.cookies["moderate_session"])
            #expect(try fixture.store.session(idHash: SchoolStore.hash(token)) != nil)
            #expect(try fixture.store.session(idHash: token) == nil, "the cookie itself is not stored")
            let page = try await web.get("/leerkracht")
            #expect(page.status == .ok)
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.text.contains("Groep 5B") && !page.text.contains("Groep 7A"), "only the teacher's own group")
            #expect(page.text.contains("geen fototoestemming"), "photo consent is shown per pupil")
            #expect(try fixture.store.auditLog(subject: Fixture.teacher).contains { $0.action == "login" })
        }
        // Served over HTTPS: Secure as well.
        let secure = try self.fixture(secure: true)
        try await secure.test { client in
            let web = WebClient(client)
            try await web.login(Fixture.teacher, password: Self.password)
            #expect(web.postSetCookies.contains { $0.hasPrefix("moderate_session=") && $0.contains("; Secure") })
        }
    }

    @Test("wrong passwords are refused, logged and throttled per account; the login form needs its token")
    func failedLogins() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let web = WebClient(client)
            for _ in 0..<5 {
                let wrong = try await web.login(Fixture.teacher, password: "niet-het-wachtwoord")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("klopt niet"))
            }
            let blocked = try await web.login(Fixture.teacher, password: Self.password)
            #expect(blocked.status == .tooManyRequests, "throttled even with the right password")
            #expect(blocked.text.contains("Wacht een kwartier"))
            let failures = try fixture.store.auditLog(subject: Fixture.teacher).filter { $0.action == "login.failed" }
            #expect(failures.count == 5)
            #expect(failures.allSatisfy { $0.detail == "wrong password" })
            // Another account is not blocked by this one's failures.
            let other = try await web.login(Fixture.otherTeacher, password: Self.password)
            #expect(other.status == .seeOther)
            // Without the login form's token (a forged cross-site login): refused.
            let forged = WebClient(client)
            let response = try await forged.post("/inloggen", [("login", Fixture.otherTeacher), ("password", Self.password)], csrf: false)
            #expect(response.status == .forbidden)
            #expect(forged.cookies["moderate_session"] == nil)
        }
    }

    @Test("directie: enrol the authenticator app, recovery codes, codes never accepted twice")
    func secondFactor() async throws {
        let clock = TestClock()
        let fixture = try fixture(clock: clock)
        try await fixture.test { client in
            let web = WebClient(client)
            let login = try await web.login(Fixture.directie, password: Self.password)
            #expect(login.location == "/inloggen/koppelen")
            // Half signed in: no staff page yet.
            let early = try await web.get("/directie")
            #expect(early.status == .seeOther && early.location == "/inloggen")
            let enrol = try await web.get("/inloggen/koppelen")
            #expect(enrol.text.contains("otpauth://totp/moderate:d-bos?secret="))
            #expect(enrol.text.contains("<svg class=\"qr\""))
            let halfSession = try #require(web.cookies["moderate_session"])
            let current = try code(fixture, Fixture.directie, at: clock.now())
            let wrong = try await web.post("/inloggen/koppelen", [("code", current == "000000" ? "111111" : "000000")])
            #expect(wrong.status == .unprocessableContent)
            let enrolled = try await web.post("/inloggen/koppelen", [("code", try code(fixture, Fixture.directie, at: clock.now()))])
            #expect(enrolled.status == .ok)
            let codes = enrolled.text.components(separatedBy: "<li>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(codes.count == 10)
            #expect(web.cookies["moderate_session"] != halfSession, "the session id changes with the second factor")
            #expect(try fixture.store.session(idHash: SchoolStore.hash(halfSession)) == nil)
            #expect(try await web.get("/directie").status == .ok)

            // Sign in again in the same 30 s step: the code was used at enrolment.
            try await web.post("/uitloggen", [])
            #expect(try await web.login(Fixture.directie, password: Self.password).location == "/inloggen/code")
            let reused = try await web.post("/inloggen/code", [("code", try code(fixture, Fixture.directie, at: clock.now()))])
            #expect(reused.status == .unauthorized && reused.text.contains("al gebruikt"))
            // Two steps ahead is outside ±1 step.
            let future = try await web.post("/inloggen/code", [("code", try code(fixture, Fixture.directie, at: clock.now(), steps: 2))])
            #expect(future.status == .unauthorized)
            // The next step is within ±1: accepted once.
            let next = try code(fixture, Fixture.directie, at: clock.now(), steps: 1)
            #expect(try await web.post("/inloggen/code", [("code", next)]).location == "/directie")
            try await web.post("/uitloggen", [])
            try await web.login(Fixture.directie, password: Self.password)
            #expect(try await web.post("/inloggen/code", [("code", next)]).status == .unauthorized)
            // A recovery code works once.
            #expect(try await web.post("/inloggen/code", [("code", codes[3])]).location == "/directie")
            try await web.post("/uitloggen", [])
            try await web.login(Fixture.directie, password: Self.password)
            #expect(try await web.post("/inloggen/code", [("code", codes[3])]).status == .unauthorized)
            // Support resets the app: sessions end, the next sign-in enrols again.
            try fixture.store.resetSecondFactor(staff: Fixture.directie, actor: "support", now: clock.now())
            #expect(try await web.login(Fixture.directie, password: Self.password).location == "/inloggen/koppelen")
        }
    }

    @Test("sessions: idle and absolute expiry, survive a restart, end on deactivation and password change")
    func sessionLifetime() async throws {
        let clock = TestClock()
        let fixture = try fixture(clock: clock)
        let web = try await fixture.test { client in
            let web = WebClient(client)
            try await web.login(Fixture.teacher, password: Self.password)
            clock.advance(29 * 60)
            #expect(try await web.get("/leerkracht").status == .ok)
            clock.advance(31 * 60)
            #expect(try await web.get("/leerkracht").location == "/inloggen", "idle for 31 minutes")
            try await web.login(Fixture.teacher, password: Self.password)
            for _ in 0..<26 {
                clock.advance(25 * 60)
                _ = try await web.get("/leerkracht")
            }
            #expect(try await web.get("/leerkracht").location == "/inloggen", "more than 10 hours after sign-in")
            try await web.login(Fixture.teacher, password: Self.password)
            return web
        }
        // A new server process on the same database: the session still holds.
        let restarted = try ModerationService(
            store: fixture.store, engine: fixture.service.engine, web: WebSettings(bcryptCost: 4), now: { clock.now() })
        try await Application(router: buildRouter(restarted)).test(.router) { client in
            let again = WebClient(client)
            again.cookies = web.cookies
            #expect(try await again.get("/leerkracht").status == .ok)
            try fixture.store.setPassword(
                staff: Fixture.teacher, password: "een-nieuw-wachtwoord", cost: 4, actor: "test", now: clock.now())
            #expect(try await again.get("/leerkracht").location == "/inloggen", "a password change ends the session")
            try await again.login(Fixture.teacher, password: "een-nieuw-wachtwoord")
            #expect(try await again.get("/leerkracht").status == .ok)
            try fixture.store.setStaffActive(id: Fixture.teacher, active: false, actor: "test", now: clock.now())
            #expect(try await again.get("/leerkracht").location == "/inloggen", "deactivation ends the session")
            let refused = try await again.login(Fixture.teacher, password: "een-nieuw-wachtwoord")
            #expect(refused.status == .unauthorized)
        }
    }

    @Test("roles as in the API: a teacher never reaches the queue or the administration; forms need the CSRF token")
    func rolesAndForms() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let web = WebClient(client)
            try await web.login(Fixture.teacher, password: Self.password)
            for path in ["/directie", "/directie/logboek", "/administratie", "/administratie/personeel"] {
                let page = try await web.get(path)
                #expect(page.status == .forbidden, "\(path)")
                #expect(page.text.contains("Geen toegang"))
            }
            _ = try await web.get("/leerkracht")
            let text = "Bel de moeder van Sem op 06-12345678 <script>alert(1)</script>"
            let noToken = try await web.post("/leerkracht/controleer", [("groep", "groep-5b"), ("tekst", text)], csrf: false)
            #expect(noToken.status == .forbidden)
            let checked = try await web.post("/leerkracht/controleer", [("groep", "groep-5b"), ("tekst", text), ("foto1", "p-007")])
            #expect(checked.status == .ok)
            #expect(checked.text.contains("Zo niet plaatsen"))
            #expect(checked.text.contains(#"<mark class="block" title="vertrouwelijk">06-12345678</mark>"#))
            #expect(checked.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !checked.text.contains("<script>"))
            #expect(checked.text.contains("foto zonder toestemming") || checked.text.contains("fototoestemming"))
            // Another group's pupils and groups are refused, as in the API.
            let foreignGroup = try await web.post("/leerkracht/controleer", [("groep", "groep-7a"), ("tekst", "Hallo")])
            #expect(foreignGroup.status == .forbidden)
            let foreignPupil = try await web.post(
                "/leerkracht/controleer", [("groep", "groep-5b"), ("tekst", "Hallo"), ("foto1", "p-021")])
            #expect(foreignPupil.status == .unprocessableContent)
            #expect(!foreignPupil.text.contains("p-021") || foreignPupil.text.contains("niet"))
            // Placing: post, redirect, get; the post is stored with the teacher as author.
            let placed = try await web.post("/leerkracht/plaatsen", [("groep", "groep-5b"), ("tekst", "Morgen is de gymles buiten.")])
            #expect(placed.status == .seeOther)
            let location = try #require(placed.location)
            let shown = try await web.get(location)
            #expect(shown.text.contains("Geplaatst"))
            let id = String(location.dropFirst("/leerkracht/berichten/".count))
            #expect(try fixture.store.post(id)?.authorId == Fixture.teacher)
            // Another teacher cannot open it.
            let other = WebClient(client)
            try await other.login(Fixture.otherTeacher, password: Self.password)
            #expect(try await other.get(location).status == .notFound)
        }
    }

    @Test("directie decides and the administration records consent through the pages; views are audited")
    func reviewAndConsent() async throws {
        let clock = TestClock()
        let fixture = try fixture(clock: clock)
        try await fixture.test { client in
            let teacher = WebClient(client)
            try await teacher.login(Fixture.teacher, password: Self.password)
            _ = try await teacher.get("/leerkracht")
            let placed = try await teacher.post(
                "/leerkracht/plaatsen", [("groep", "groep-5b"), ("tekst", "Ik verkoop taarten voor 5 euro, stuur me een berichtje.")])
            let id = String(try #require(placed.location).dropFirst("/leerkracht/berichten/".count))
            #expect(try fixture.store.post(id)?.status == "review")

            let directie = WebClient(client)
            try await directie.login(Fixture.directie, password: Self.password)
            try await directie.post("/inloggen/koppelen", [("code", try code(fixture, Fixture.directie, at: clock.now()))])
            let queue = try await directie.get("/directie")
            #expect(queue.text.contains("/directie/berichten/\(id)"))
            let detail = try await directie.get("/directie/berichten/\(id)")
            #expect(detail.text.contains("<mark"))
            #expect(try fixture.store.auditLog(subject: id).contains { $0.action == "review.view" && $0.actor == Fixture.directie })
            let missingReason = try await directie.post("/directie/berichten/\(id)/besluit", [("besluit", "reject"), ("reden", " ")])
            #expect(missingReason.status == .unprocessableContent)
            let decided = try await directie.post("/directie/berichten/\(id)/besluit", [("besluit", "reject"), ("reden", "Geen reclame")])
            #expect(decided.status == .seeOther)
            #expect(try fixture.store.post(id)?.status == "rejected")
            #expect(try await teacher.get("/leerkracht/berichten/\(id)").text.contains("Geen reclame"), "the author reads the reason")

            let admin = WebClient(client)
            try await admin.login(Fixture.admin, password: Self.password)
            clock.advance(30)
            try await admin.post("/inloggen/koppelen", [("code", try code(fixture, Fixture.admin, at: clock.now()))])
            let grid = try await admin.get("/administratie?groep=groep-5b")
            #expect(grid.text.contains(#"data-pupil="p-002" data-purpose="portalPhoto">gegeven"#))
            let withdrawn = try await admin.post(
                "/administratie/toestemming",
                [("groep", "groep-5b"), ("leerling", "p-002"), ("doel", "portalPhoto"), ("besluit", "withdrawn"), ("bron", "email")])
            #expect(withdrawn.location == "/administratie?groep=groep-5b")
            #expect(admin.lastPage.contains("Daan van der Linden: ingetrokken"), "the message after the redirect")
            let after = try await admin.get("/administratie?groep=groep-5b")
            #expect(after.text.contains(#"data-pupil="p-002" data-purpose="portalPhoto">ingetrokken"#))
            #expect(!after.text.contains("Daan van der Linden: ingetrokken"), "a message shows once")
            let unknown = try await admin.post(
                "/administratie/toestemming", [("leerling", "p-999"), ("doel", "portalPhoto"), ("besluit", "given"), ("bron", "email")])
            #expect(unknown.status == .unprocessableContent)
            // The administration adds teachers only; a directie account is not made here.
            let directieAccount = try await admin.post("/administratie/personeel", [("id", "d-nieuw"), ("rol", "directie")])
            #expect(directieAccount.status == .unprocessableContent)
            let added = try await admin.post("/administratie/personeel", [("id", "t-nieuw"), ("naam", "Juf Nieuw"), ("rol", "teacher")])
            #expect(added.location == "/administratie/personeel")
            let staffPage = admin.lastPage
            let temporary = try #require(staffPage.range(of: "één keer): ").map { String(staffPage[$0.upperBound...].prefix(19)) })
            let newcomer = WebClient(client)
            #expect(try await newcomer.login("t-nieuw", password: temporary).location == "/leerkracht")
            let reset = try await admin.post("/administratie/personeel/d-bos/wachtwoord", [])
            #expect(reset.status == .forbidden, "no new password for a directie account from this page")
        }
    }
}
