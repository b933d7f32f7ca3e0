import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PolicyEngine
import SchoolStore
import Synchronization

/// How the web pages sign people in: cookie flags, expiry, bcrypt cost, throttling.
public struct WebSettings: Sendable {
    /// Add `Secure` to the cookies: set when the pages are served over HTTPS (directly or behind a proxy).
    public var secureCookies = false
    /// A session ends after this long without a request…
    public var idleTimeout: TimeInterval = 30 * 60
    /// …and in any case this long after sign-in.
    public var absoluteTimeout: TimeInterval = 10 * 60 * 60
    /// bcrypt's cost for new passwords (12 in use; tests lower it).
    public var bcryptCost: UInt8 = 12
    /// Failed sign-ins allowed per account and per address within `throttleWindow`.
    public var maxFailuresPerAccount = 5
    public var maxFailuresPerAddress = 20
    public var throttleWindow: TimeInterval = 15 * 60

    public init(secureCookies: Bool = false, bcryptCost: UInt8 = 12) {
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
    }
}

/// The browser session behind a request.
struct WebSession: Sendable {
    var idHash: String
    var csrf: String
    /// Signed in completely (password, and the second factor where the role needs one).
    var complete: Bool
}

/// A redirect after a form (post, redirect, get) or to the sign-in page.
struct WebRedirect: Error {
    var location: String
}

/// An error shown as a page: the status and what to do about it, in Dutch.
struct WebError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func forbidden(_ message: String = "Deze pagina hoort niet bij uw rol. Ga terug naar uw eigen startpagina.") -> WebError {
        WebError(status: .forbidden, message: message)
    }
    static func notFound(_ message: String = "Deze pagina of dit bericht bestaat niet, of u mag het niet zien.") -> WebError {
        WebError(status: .notFound, message: message)
    }
}

enum WebSecrets {
    /// A random token for cookies, CSRF and recovery codes: 32 bytes, base64url.
    static func token(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two secrets in time independent of where they differ.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// A form sent as application/x-www-form-urlencoded: values by name, repeated names kept in order.
struct WebForm {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        for part in body.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            pairs.append((decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : ""))
        }
    }

    subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// A required, non-blank field; otherwise a page telling which field to fill in.
    func required(_ name: String, label: String) throws -> String {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw WebError(status: .unprocessableContent, message: "Vul \(label) in en probeer het opnieuw.")
        }
        return value
    }
}

extension Request {
    /// The urlencoded form of a POST (at most `limit` bytes).
    func form(limit: Int = 256 * 1024) async throws -> WebForm {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebError(status: .unsupportedMediaType, message: "Verstuur dit formulier vanaf de pagina zelf.")
        }
        let buffer = try await body.collect(upTo: limit)
        return WebForm(String(buffer: buffer))
    }

    /// A cookie's value.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                    return pair[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}

/// Messages carried from a form to the page it redirects to (post, redirect, get), per session, once.
final class FlashMessages: Sendable {
    struct Message: Sendable {
        var text: String
        var kind: String  // "ok" or "fout"
        var items: [String] = []
    }
    private let messages = Mutex<[String: Message]>([:])

    func set(_ message: Message, for session: String) {
        messages.withLock { messages in
            if messages.count > 10_000 { messages.removeAll() }
            messages[session] = message
        }
    }

    func take(for session: String) -> Message? { messages.withLock { $0.removeValue(forKey: session) } }
}

/// Counts failed sign-ins per account and per address; more than the limit within the window and
/// further attempts are refused without checking the password.
final class LoginThrottle: Sendable {
    private let failures = Mutex<[String: [TimeInterval]]>([:])
    let settings: WebSettings

    init(settings: WebSettings) { self.settings = settings }

    func isBlocked(account: String?, address: String?, now: TimeInterval) -> Bool {
        failures.withLock { failures in
            let since = now - settings.throttleWindow
            if let account, (failures["account:" + account] ?? []).filter({ $0 > since }).count >= settings.maxFailuresPerAccount {
                return true
            }
            if let address, (failures["address:" + address] ?? []).filter({ $0 > since }).count >= settings.maxFailuresPerAddress {
                return true
            }
            return false
        }
    }

    func fail(account: String?, address: String?, now: TimeInterval) {
        failures.withLock { failures in
            let since = now - settings.throttleWindow
            if failures.count > 50_000 { failures = failures.filter { $0.value.contains { $0 > since } } }
            for key in [account.map { "account:" + $0 }, address.map { "address:" + $0 }].compactMap({ $0 }) {
                failures[key, default: []].removeAll { $0 <= since }
                failures[key, default: []].append(now)
            }
        }
    }

    func succeed(account: String) {
        failures.withLock { _ = $0.removeValue(forKey: "account:" + account) }
    }
}

extension Response {
    /// A page: HTML with the headers every page carries (no inline script or style may run, no framing).
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = WebHeaders.common
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func seeOther(_ location: String) -> Response {
        var headers = WebHeaders.common
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}

enum WebHeaders {
    static let common: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        .cacheControl: "no-store",
    ]
}

extension ContextCache.Snapshot {
    /// The groups a teacher works in: classes they teach, councils they sit on.
    func ownGroups(of staff: String) -> [SchoolContext.Group] {
        (school.context.groups ?? []).filter { ($0.teachers ?? []).contains(staff) || ($0.members ?? []).contains(staff) }
    }
}
