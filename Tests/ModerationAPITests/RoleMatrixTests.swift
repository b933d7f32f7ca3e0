import Foundation
import HTTPTypes
import HummingbirdTesting
import PolicyEngine
import SchoolStore
import Testing

@Suite("Roles: every endpoint for every kind of caller")
struct RoleMatrixTests {
    struct Row: Sendable {
        var method: HTTPRequest.Method
        var path: @Sendable (Caller) -> String
        var body: String?
        /// Expected status per caller.
        var expected: [Caller: Int]
    }

    static func expect(_ anonymous: Int, teacher: Int, directie: Int, admin: Int, parent: Int) -> [Caller: Int] {
        [.anonymous: anonymous, .teacher: teacher, .directie: directie, .admin: admin, .parent: parent]
    }

    @Test(
        "a teacher checks and posts in own groups, never sees reviews; the directie reviews; the admin keeps consent; a parent only comments"
    )
    func matrix() async throws {
        let fixture = try Fixture()
        // Posts to review, decide on and remove, one per caller so each success has its own.
        let flagged = try await fixture.test { client in
            var ids: [Caller: String] = [:]
            for caller in Caller.allCases {
                for prefix in ["flagged", "removable"] {
                    let response = try await client.send(
                        .post, "/v1/posts", token: fixture.token(Fixture.teacher),
                        json: post(
                            "Voor wie nog een cadeautje zoekt: met de kortingscode REGENBOOG krijg je 15% korting in mijn webshop.",
                            extra: #", "id": "\#(prefix)-\#(caller)""#))
                    #expect(response.status == .created, "\(response.text)")
                }
                ids[caller] = "\(caller)"
            }
            return ids
        }
        let rows: [String: Row] = [
            "POST /v1/check": Row(
                method: .post, path: { _ in "/v1/check" }, body: post("Morgen gaan we naar de bibliotheek."),
                expected: Self.expect(401, teacher: 200, directie: 200, admin: 403, parent: 403)),
            "POST /v1/posts": Row(
                method: .post, path: { _ in "/v1/posts" }, body: post("Morgen gaan we naar de bibliotheek."),
                expected: Self.expect(401, teacher: 201, directie: 201, admin: 403, parent: 403)),
            "GET /v1/reviews": Row(
                method: .get, path: { _ in "/v1/reviews" }, body: nil,
                expected: Self.expect(401, teacher: 403, directie: 200, admin: 403, parent: 403)),
            "GET /v1/reviews/{id}": Row(
                method: .get, path: { "/v1/reviews/flagged-\(flagged[$0]!)" }, body: nil,
                expected: Self.expect(401, teacher: 403, directie: 200, admin: 403, parent: 403)),
            "POST /v1/reviews/{id}/decision": Row(
                method: .post, path: { "/v1/reviews/flagged-\(flagged[$0]!)/decision" },
                body: #"{"decision": "reject", "reason": "reclame"}"#,
                expected: Self.expect(401, teacher: 403, directie: 200, admin: 403, parent: 403)),
            "DELETE /v1/posts/{id}": Row(
                method: .delete, path: { "/v1/posts/removable-\(flagged[$0]!)?reason=ongepast" }, body: nil,
                expected: Self.expect(401, teacher: 200, directie: 200, admin: 403, parent: 403)),
            "GET /v1/consent": Row(
                method: .get, path: { _ in "/v1/consent?group=groep-5b" }, body: nil,
                expected: Self.expect(401, teacher: 200, directie: 200, admin: 200, parent: 403)),
            "POST /v1/consent": Row(
                method: .post, path: { _ in "/v1/consent" },
                body: #"{"pupil": "p-004", "purpose": "portalPhoto", "decision": "given", "source": "paper"}"#,
                expected: Self.expect(401, teacher: 403, directie: 403, admin: 201, parent: 403)),
            "POST /v1/consent/withdraw": Row(
                method: .post, path: { _ in "/v1/consent/withdraw" },
                body: #"{"pupil": "p-004", "purpose": "portalPhoto", "source": "app"}"#,
                expected: Self.expect(401, teacher: 403, directie: 403, admin: 201, parent: 403)),
            "GET /v1/authors/{id}/history": Row(
                method: .get, path: { _ in "/v1/authors/t-devries/history" }, body: nil,
                expected: Self.expect(401, teacher: 403, directie: 200, admin: 403, parent: 403)),
            "GET /health": Row(
                method: .get, path: { _ in "/health" }, body: nil,
                expected: Self.expect(200, teacher: 200, directie: 200, admin: 200, parent: 200)),
            "GET /metrics": Row(
                method: .get, path: { _ in "/metrics" }, body: nil,
                expected: Self.expect(200, teacher: 200, directie: 200, admin: 200, parent: 200)),
            "GET /openapi.yaml": Row(
                method: .get, path: { _ in "/openapi.yaml" }, body: nil,
                expected: Self.expect(200, teacher: 200, directie: 200, admin: 200, parent: 200)),
        ]
        // The matrix covers every API route the router has; the web pages (HTML, cookie sessions) are
        // checked below and in WebPagesTests.
        let isAPI: (String) -> Bool = { $0.hasPrefix("/v1/") || ["/health", "/metrics", "/openapi.yaml"].contains($0) }
        let routes = Set(fixture.router.routes.filter { isAPI($0.path.description) }.map { "\($0.method) \($0.path)" })
        #expect(Set(rows.keys) == routes)
        // A bearer token opens no page: every staff page sends a token holder to the sign-in page.
        let pages = fixture.router.routes.map(\.path.description).filter { path in
            !isAPI(path) && !path.contains("{") && !["/inloggen", "/static/moderate.css"].contains(path)
        }
        let getPages = Set(fixture.router.routes.filter { $0.method == .get }.map(\.path.description))
        let pagePaths = pages.filter(getPages.contains)
        #expect(Set(pagePaths).count >= 8)
        try await fixture.test { client in
            for path in Set(pagePaths).sorted() {
                for caller in Caller.allCases {
                    let token = caller.subject.map(fixture.token)
                    let response = try await client.send(.get, path, token: token)
                    #expect(response.status == .seeOther, "\(path) as \(caller)")
                    #expect(response.headers[.location] == "/inloggen", "\(path) as \(caller)")
                }
            }
        }

        try await fixture.test { client in
            for (name, row) in rows.sorted(by: { $0.key < $1.key }) {
                // Refusals first, so the one allowed change (a decision, a removal) happens last.
                for caller in Caller.allCases.sorted(by: { row.expected[$0]! > row.expected[$1]! }) {
                    let response = try await client.send(
                        row.method, row.path(caller), token: caller.subject.map(fixture.token), json: row.body)
                    #expect(
                        Int(response.status.code) == row.expected[caller], "\(name) as \(caller): \(response.status.code) \(response.text)")
                    if response.status.code >= 400 { _ = try response.problem() }
                }
            }
        }
    }

    @Test("teachers stay in their own groups; the token, not the body, says who the author is")
    func ownGroups() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let jansen = fixture.token(Fixture.otherTeacher)
            let elsewhere = try await client.send(.post, "/v1/check", token: jansen, json: post("Morgen gaan we naar de bibliotheek."))
            #expect(elsewhere.status == .forbidden)
            #expect((try elsewhere.problem()["detail"] as? String)?.contains("groep-5b") == true)
            let own = try await client.send(.post, "/v1/posts", token: jansen, json: post("Morgen gaan we zwemmen.", group: "groep-7a"))
            #expect(own.status == .created)
            let noGroup = try await client.send(.post, "/v1/check", token: jansen, json: #"{"text": "Hallo allemaal"}"#)
            #expect(noGroup.status == .unprocessableContent)
            #expect(try noGroup.problem()["field"] as? String == "group")

            // Pretending to be the directie in the body changes nothing.
            let posed = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.teacher),
                json: post("Morgen gaan we naar de bibliotheek.", extra: #", "id": "posed", "author": {"id": "d-bos", "role": "directie"}"#)
            )
            #expect(posed.status == .created)
            #expect(try fixture.store.postRecord("posed").authorId == Fixture.teacher)

            // A teacher of another group may not take a post down, and is not told it exists (404, as for a
            // missing post); consent of another group is closed too.
            let removal = try await client.send(.delete, "/v1/posts/posed?reason=test", token: jansen)
            #expect(removal.status == .notFound)
            let consent = try await client.send(.get, "/v1/consent?group=groep-5b", token: jansen)
            #expect(consent.status == .forbidden)
            let noConsentGroup = try await client.send(.get, "/v1/consent", token: jansen)
            #expect(noConsentGroup.status == .unprocessableContent)
        }
    }

    @Test("parents comment in their children's groups; council members post in their council")
    func parents() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let parent = fixture.token(Fixture.parent)
            let comment = try await client.send(
                .post, "/v1/posts", token: parent, json: post("Wat leuk, dank jullie wel!", kind: "comment"))
            #expect(comment.status == .created, "\(comment.text)")
            let elsewhere = try await client.send(
                .post, "/v1/posts", token: parent, json: post("Wat leuk, dank jullie wel!", group: "groep-7a", kind: "comment"))
            #expect(elsewhere.status == .forbidden)
            let posting = try await client.send(.post, "/v1/posts", token: parent, json: post("Wie gaat er mee naar de markt?"))
            #expect(posting.status == .forbidden)
            let council = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.councilParent), json: post("De MR vergadert op 3 december.", group: "mr"))
            #expect(council.status == .created, "\(council.text)")
            let notCouncil = try await client.send(
                .post, "/v1/posts", token: parent, json: post("De MR vergadert op 3 december.", group: "mr"))
            #expect(notCouncil.status == .forbidden)
        }
    }

    @Test("a deactivated staff member's token stops working at once; a revoked token too")
    func deactivationAndRevocation() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let token = fixture.token(Fixture.teacher)
            #expect(try await client.send(.post, "/v1/check", token: token, json: post("Hallo allemaal")).status == .ok)
            try fixture.store.setStaffActive(id: Fixture.teacher, active: false, actor: "test", now: tuesdayAfternoon)
            let refused = try await client.send(.post, "/v1/check", token: token, json: post("Hallo allemaal"))
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            _ = try refused.problem()

            let directie = fixture.token(Fixture.directie)
            #expect(try await client.send(.get, "/v1/reviews", token: directie).status == .ok)
            let id = try #require(try fixture.store.tokens(subject: Fixture.directie).first?.id)
            try fixture.store.revokeToken(id, actor: "test", now: tuesdayAfternoon)
            #expect(try await client.send(.get, "/v1/reviews", token: directie).status == .unauthorized)
            // A token with the right id but a wrong secret is refused.
            #expect(try await client.send(.get, "/v1/reviews", token: "mdr_\(id)_wrong").status == .unauthorized)
            #expect(try await client.send(.get, "/v1/reviews", headers: [.authorization: "Basic YWRtaW46YWRtaW4="]).status == .unauthorized)
        }
    }

    @Test("a parent erased with their last child loses access at once, and their tokens are gone")
    func erasedParent() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let parent = fixture.token(Fixture.parent)
            let comment = post("Wat leuk, dank jullie wel!", kind: "comment")
            #expect(try await client.send(.post, "/v1/posts", token: parent, json: comment).status == .created)
            try fixture.store.erasePupil("p-004", actor: "test", now: tuesdayAfternoon)
            #expect(try await client.send(.post, "/v1/posts", token: parent, json: comment).status == .unauthorized)
            #expect(try fixture.store.tokens(subject: Fixture.parent).isEmpty)
        }
    }

    @Test("tokens are stored as hashes only")
    func hashedTokens() throws {
        let fixture = try Fixture()
        let token = fixture.token(Fixture.teacher)
        let stored = try fixture.store.tokens(subject: Fixture.teacher)
        #expect(stored.count == 1)
        let secret = String(token.split(separator: "_", maxSplits: 2)[2])
        #expect(!stored[0].secretHash.contains(secret))
        #expect(stored[0].secretHash.count == 64)
    }
}
