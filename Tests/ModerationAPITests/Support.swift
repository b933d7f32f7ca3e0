import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ModerationAPI
import NIOCore
import PolicyEngine
import SchoolStore
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Tuesday 24 November 2026, 15:10 in Breda: after lessons, within working hours.
let tuesdayAfternoon = ISO8601DateFormatter().date(from: "2026-11-24T14:10:00Z")!

/// The demo school in a real SQLite file, with a token for each kind of caller.
struct Fixture {
    let store: SchoolStore
    let service: ModerationService
    /// Subject id → bearer token.
    let tokens: [String: String]

    static let teacher = "t-devries"  // teaches groep-5b
    static let otherTeacher = "t-jansen"  // teaches groep-7a, sits on the council
    static let directie = "d-bos"
    static let admin = "a-smit"
    static let parent = "o-004"  // a parent of Fatima (p-004) in groep-5b
    static let councilParent = "o-002"  // a parent on the council (group "mr")

    init(now: @escaping @Sendable () -> Date = { tuesdayAfternoon }, web: WebSettings = WebSettings(bcryptCost: 4)) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SchoolStore(path: folder.appendingPathComponent("school.sqlite").path)
        let setUp = tuesdayAfternoon.addingTimeInterval(-7 * 86_400)
        let context = try ContextLoader.load(path: repositoryRoot.appendingPathComponent("examples/school.json").path)
        try store.setUpSchool(context.school!, schoolYear: context.schoolYear!, hours: context.hours, actor: "test", now: setUp)
        for member in context.staff ?? [] {
            try store.addStaff(id: member.id, name: member.name, role: member.role, actor: "test", now: setUp)
        }
        for group in context.groups ?? [] {
            try store.addGroup(
                id: group.id, name: group.name, kind: group.kind, teachers: group.teachers ?? [], members: group.members ?? [],
                actor: "test",
                now: setUp)
        }
        let roster = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/roster.csv"))
        _ = try store.importRoster(RosterCSV.parse(roster, source: "roster.csv"), actor: "test", now: setUp)
        var tokens: [String: String] = [:]
        for subject in [Self.teacher, Self.otherTeacher, Self.directie, Self.admin, Self.parent, Self.councilParent] {
            tokens[subject] = try store.issueToken(for: subject, label: "test", actor: "test", now: setUp).token
        }
        self.store = store
        self.tokens = tokens
        service = try ModerationService(store: store, engine: Engine(pack: try RulePackLoader.bundled()), web: web, now: now)
    }

    var router: Router<APIRequestContext> { buildRouter(service) }

    /// Runs `body` against the real router.
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: router).test(.router, body)
    }

    func token(_ subject: String) -> String { tokens[subject]! }
}

/// One caller of the matrix: nobody, or a token holder of each role.
enum Caller: String, CaseIterable, Sendable, CustomStringConvertible {
    case anonymous, teacher, directie, admin, parent

    var subject: String? {
        switch self {
        case .anonymous: nil
        case .teacher: Fixture.teacher
        case .directie: Fixture.directie
        case .admin: Fixture.admin
        case .parent: Fixture.parent
        }
    }

    var description: String { rawValue }
}

extension TestClientProtocol {
    /// A request as a caller makes it: bearer token and a JSON body.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, contentType: String = "application/json",
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(buffer: body))
        guard let object = value as? [String: Any] else { throw DecodeFailure(body: text) }
        return object
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: Data(buffer: body)) }

    /// The problem details of an error response; fails the test unless it is application/problem+json.
    func problem(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(headers[.contentType] == "application/problem+json", "\(status.code) \(text)", sourceLocation: sourceLocation)
        let object = try json()
        #expect(object["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        #expect((object["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        return object
    }
}

struct DecodeFailure: Error, CustomStringConvertible {
    var body: String
    var description: String { "not a JSON object: \(body)" }
}

func examplePost(_ name: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("examples/posts/\(name)"), encoding: .utf8)
}

/// A post body for groep-5b without a time: the server's clock says Tuesday afternoon.
func post(_ text: String, group: String = "groep-5b", kind: String = "post", extra: String = "") -> String {
    let quoted = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    return #"{"kind": "\#(kind)", "group": "\#(group)", "text": \#(quoted)\#(extra)}"#
}
