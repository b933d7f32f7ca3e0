import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@Suite("Bad input: specific problem+json answers, never a 500")
struct BadInputTests {
    @Test("body classes: 415 wrong type, 413 too large, 400 not JSON, 422 naming the field")
    func bodies() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)

            let form = try await client.send(
                .post, "/v1/check", token: teacher, json: "text=hallo", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            #expect((try form.problem()["detail"] as? String)?.contains("application/json") == true)
            let none = try await client.execute(
                uri: "/v1/check", method: .post, headers: [.authorization: "Bearer \(teacher)"],
                body: ByteBuffer(string: #"{"text": "hoi"}"#))
            #expect(none.status == .unsupportedMediaType)
            // A charset parameter is fine.
            let charset = try await client.send(
                .post, "/v1/check", token: teacher, json: post("Hallo"), contentType: "application/json; charset=utf-8")
            #expect(charset.status == .ok)

            let large = try await client.send(.post, "/v1/check", token: teacher, json: post(String(repeating: "a", count: 70_000)))
            #expect(large.status == .contentTooLarge)
            _ = try large.problem()

            let broken = try await client.send(.post, "/v1/check", token: teacher, json: "{\n  \"text\": \"hallo\",\n")
            #expect(broken.status == .badRequest)
            let detail = try broken.problem()["detail"] as? String ?? ""
            #expect(detail.contains("body:3:"), "\(detail)")

            let cases: [(body: String, field: String)] = [
                (#"{"text": 5}"#, "text"),
                (#"{"group": "groep-5b"}"#, "text"),
                (#"{"text": "hoi", "group": "groep-5b", "kind": "tweet"}"#, "kind"),
                (#"{"text": "hoi", "group": "groep-5b", "channel": "fax"}"#, "channel"),
                (#"{"text": "hoi", "group": "groep-5b", "postedAt": "dinsdag"}"#, "postedAt"),
                (#"{"text": "hoi", "group": "groep-5b", "images": [{"pupils": "p-1"}]}"#, "images[0].pupils"),
                (#"{"text": "hoi", "group": "groep-zz"}"#, "group"),
            ]
            for item in cases {
                let response = try await client.send(.post, "/v1/check", token: teacher, json: item.body)
                #expect(response.status == .unprocessableContent, "\(item.body): \(response.text)")
                #expect(try response.problem()["field"] as? String == item.field, "\(item.body): \(response.text)")
            }
        }
    }

    @Test("query, path and decision errors: 422 naming the field, 404 for unknown ids, 405 for a wrong method")
    func queriesAndPaths() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let directie = fixture.token(Fixture.directie)
            let admin = fixture.token(Fixture.admin)
            for (uri, field) in [
                ("/v1/reviews?limit=abc", "limit"), ("/v1/reviews?limit=1000", "limit"), ("/v1/reviews?offset=-1", "offset"),
                ("/v1/reviews?status=maybe", "status"), ("/v1/reviews?category=rude", "category"),
            ] {
                let response = try await client.send(.get, uri, token: directie)
                #expect(response.status == .unprocessableContent, "\(uri)")
                #expect(try response.problem()["field"] as? String == field)
            }
            for uri in ["/v1/reviews/nope", "/v1/authors/nobody/history"] {
                let response = try await client.send(.get, uri, token: directie)
                #expect(response.status == .notFound, "\(uri)")
                _ = try response.problem()
            }
            let decisionOnNothing = try await client.send(
                .post, "/v1/reviews/nope/decision", token: directie, json: #"{"decision": "approve", "reason": "x"}"#)
            #expect(decisionOnNothing.status == .notFound)
            #expect(try await client.send(.delete, "/v1/posts/nope?reason=x", token: directie).status == .notFound)

            _ = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.teacher), json: try examplePost("07-reclame.json"))
            for (body, field) in [
                (#"{"decision": "maybe", "reason": "x"}"#, "decision"), (#"{"decision": "approve", "reason": "  "}"#, "reason"),
                (#"{"decision": "approve"}"#, "reason"),
            ] {
                let response = try await client.send(.post, "/v1/reviews/post-07/decision", token: directie, json: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(try response.problem()["field"] as? String == field, "\(body): \(response.text)")
            }
            for (body, field) in [
                (#"{"pupil": "p-999", "purpose": "portalPhoto", "decision": "given", "source": "paper"}"#, "pupil"),
                (#"{"pupil": "p-001", "purpose": "selfie", "decision": "given", "source": "paper"}"#, "purpose"),
                (#"{"pupil": "p-001", "purpose": "portalPhoto", "decision": "yes", "source": "paper"}"#, "decision"),
                (#"{"pupil": "p-001", "purpose": "portalPhoto", "decision": "given", "source": "pigeon"}"#, "source"),
            ] {
                let response = try await client.send(.post, "/v1/consent", token: admin, json: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(try response.problem()["field"] as? String == field, "\(body): \(response.text)")
            }
            let directieUnknownGroup = try await client.send(.post, "/v1/posts", token: directie, json: post("Hallo", group: "groep-zz"))
            #expect(directieUnknownGroup.status == .unprocessableContent)
            #expect(try directieUnknownGroup.problem()["field"] as? String == "group")
            let parentUnknownGroup = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.parent), json: post("Leuk!", group: "groep-zz", kind: "comment"))
            #expect(parentUnknownGroup.status == .unprocessableContent)
            let unknownGroup = try await client.send(.get, "/v1/consent?group=groep-zz", token: admin)
            #expect(unknownGroup.status == .unprocessableContent)

            let wrongMethod = try await client.send(.put, "/v1/check", token: directie, json: post("hoi"))
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "POST")
            _ = try wrongMethod.problem()
            let nowhere = try await client.send(.get, "/v1/nowhere", token: directie)
            #expect(nowhere.status == .notFound)
            _ = try nowhere.problem()
        }
    }

    @Test("hostile bodies on every endpoint that takes one: always a 4xx problem")
    func hostileBodies() async throws {
        let fixture = try Fixture()
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let deepObject = String(repeating: #"{"text":"#, count: 5_000) + "1" + String(repeating: "}", count: 5_000)
        let bodies: [ByteBuffer] =
            [
                "", " ", "null", "[]", "\"text\"", "{}", #"{"text": null}"#, #"{"text": "\u0000"}"#, #"{"text": 1e999}"#, deep, deepObject,
                #"{"text": "a", "text": 5}"#, String(repeating: #"{"text": "a"}"#, count: 3),
            ].map { ByteBuffer(string: $0) } + [ByteBuffer(bytes: [0x7B, 0x22, 0x74, 0xFF, 0xFE, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D])]
        let endpoints: [(String, String)] = [
            ("/v1/check", Fixture.teacher), ("/v1/posts", Fixture.teacher), ("/v1/consent", Fixture.admin),
            ("/v1/consent/withdraw", Fixture.admin),
        ]
        try await fixture.test { client in
            _ = try await client.send(.post, "/v1/posts", token: fixture.token(Fixture.teacher), json: try examplePost("07-reclame.json"))
            for (uri, subject) in endpoints + [("/v1/reviews/post-07/decision", Fixture.directie)] {
                for body in bodies {
                    let response = try await client.execute(
                        uri: uri, method: .post,
                        headers: [.authorization: "Bearer \(fixture.token(subject))", .contentType: "application/json"], body: body)
                    #expect(
                        (400..<500).contains(Int(response.status.code)),
                        "\(uri) \(String(buffer: body).prefix(40)): \(response.status.code)")
                    _ = try response.problem()
                }
            }
            // Still serving.
            #expect(try await client.send(.get, "/health").status == .ok)
        }
    }

    @Test("a database held by another process answers 503 with Retry-After, and works again after")
    func busyDatabase() async throws {
        let fixture = try Fixture()
        // Another connection holds the write lock (as a long import in another process would).
        let other = try DatabaseQueue(path: fixture.store.location)
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.inTransaction(.immediate) { _ in
                locked.signal()
                release.wait()
                return .rollback
            }
        }
        locked.wait()
        try await fixture.test { client in
            // Reads go on (WAL): a check still works while another process writes.
            let check = try await client.send(.post, "/v1/check", token: fixture.token(Fixture.teacher), json: post("Hallo allemaal"))
            #expect(check.status == .ok)
            let finished = Mutex(false)
            async let waiting = {
                let response = try await client.send(
                    .post, "/v1/posts", token: fixture.token(Fixture.teacher), json: post("Hallo allemaal"))
                finished.withLock { $0 = true }
                return response
            }()
            // While the submission waits for the lock, checks are still answered.
            for _ in 0..<3 {
                let during = try await client.send(.post, "/v1/check", token: fixture.token(Fixture.teacher), json: post("Hallo allemaal"))
                #expect(during.status == .ok)
            }
            #expect(finished.withLock { $0 } == false)
            let busy = try await waiting
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers[.retryAfter] == "2")
            _ = try busy.problem()
            release.signal()
            try await Task.sleep(for: .milliseconds(100))
            let again = try await client.send(.post, "/v1/posts", token: fixture.token(Fixture.teacher), json: post("Hallo allemaal"))
            #expect(again.status == .created)
        }
    }
}
