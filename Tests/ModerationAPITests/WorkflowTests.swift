import Foundation
import HTTPTypes
import HummingbirdTesting
import PolicyEngine
import SchoolStore
import Testing

@Suite("Checking, submitting and the directie's review workflow")
struct WorkflowTests {
    @Test("POST /v1/check answers exactly as the CLI does (golden reports)")
    func checkMatchesGolden() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for name in ["01-excursie-ok.json", "03-bsn-en-telefoon.json", "07-reclame.json"] {
                let response = try await client.send(.post, "/v1/check", token: fixture.token(Fixture.teacher), json: try examplePost(name))
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let golden = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/expected/\(name)"))
                #expect(try response.decode(Report.self) == JSONDecoder().decode(Report.self, from: golden), "\(name)")
            }
            // English on request.
            let english = try await client.send(
                .post, "/v1/check?lang=en", token: fixture.token(Fixture.teacher), json: try examplePost("03-bsn-en-telefoon.json"))
            let report = try english.decode(Report.self)
            #expect(
                report.findings.first?.message.contains("citizen service number") == true
                    || report.findings.first?.message.contains("BSN") == true)
            #expect(report.findings.first?.message.contains("Er staat") == false)

            // The checks are counted per verdict and the requests per route pattern, in Prometheus text.
            let metrics = try await client.send(.get, "/metrics").text
            #expect(metrics.contains(#"moderate_checks_total{verdict="block"} 2"#), "\(metrics)")
            #expect(metrics.contains(#"moderate_checks_total{verdict="allow"} 1"#))
            #expect(metrics.contains(#"moderate_http_requests_total{method="POST",route="/v1/check",status="200"} 4"#))
        }
    }

    @Test("submit: allow is published, review waits for the directie, block is rejected with the findings")
    func submitStatuses() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)
            let expectations = [
                ("01-excursie-ok.json", "published", "allow"), ("07-reclame.json", "review", "review"),
                ("03-bsn-en-telefoon.json", "rejected", "block"),
            ]
            for (name, status, verdict) in expectations {
                let response = try await client.send(.post, "/v1/posts", token: teacher, json: try examplePost(name))
                #expect(response.status == .created, "\(name): \(response.text)")
                let body = try response.decode(SubmittedPost.self)
                #expect(body.status.rawValue == status)
                #expect(body.report.verdict.rawValue == verdict)
                #expect(try fixture.store.postRecord(body.id).status == status)
            }
            // The same id twice is a conflict, not a second post.
            let again = try await client.send(.post, "/v1/posts", token: teacher, json: try examplePost("01-excursie-ok.json"))
            #expect(again.status == .conflict)
            _ = try again.problem()
        }
    }

    @Test("the review queue: list, filter, page, view (logged), decide once (logged)")
    func reviewQueue() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)
            let directie = fixture.token(Fixture.directie)
            for index in 0..<3 {
                let advert = post(
                    "Voor wie nog een cadeautje zoekt: met de kortingscode REGENBOOG krijg je 15% korting in mijn webshop.",
                    extra: #", "id": "ad-\#(index)""#)
                #expect(try await client.send(.post, "/v1/posts", token: teacher, json: advert).status == .created)
            }
            #expect(
                try await client.send(.post, "/v1/posts", token: teacher, json: try examplePost("03-bsn-en-telefoon.json")).status
                    == .created)

            let pending = try await client.send(.get, "/v1/reviews", token: directie).decode(ReviewPage.self)
            #expect(pending.total == 3)
            #expect(Set(pending.items.map(\.id)) == ["ad-0", "ad-1", "ad-2"])
            #expect(pending.items.allSatisfy { $0.categories == ["commercial"] && $0.status == "review" })

            let paged = try await client.send(.get, "/v1/reviews?limit=2&offset=2", token: directie).decode(ReviewPage.self)
            #expect(paged.items.count == 1 && paged.total == 3 && paged.offset == 2)
            #expect(try await client.send(.get, "/v1/reviews?category=abuse", token: directie).decode(ReviewPage.self).total == 0)
            #expect(try await client.send(.get, "/v1/reviews?group=groep-7a", token: directie).decode(ReviewPage.self).total == 0)
            let rejected = try await client.send(.get, "/v1/reviews?status=rejected", token: directie).decode(ReviewPage.self)
            #expect(rejected.items.map(\.id) == ["post-03"])
            #expect(
                try await client.send(.get, "/v1/reviews?status=all&category=confidential", token: directie).decode(ReviewPage.self).total
                    == 1)

            // Opening one shows the text and report, and is written to the audit log.
            let detail = try await client.send(.get, "/v1/reviews/ad-1", token: directie).decode(ReviewDetail.self)
            #expect(detail.text?.contains("kortingscode") == true)
            #expect(detail.report.verdict == .review)
            let views = try fixture.store.auditLog(subject: "ad-1").filter { $0.action == "review.view" }
            #expect(views.count == 1 && views.first?.actor == Fixture.directie)

            let decided = try await client.send(
                .post, "/v1/reviews/ad-1/decision", token: directie,
                json: #"{"decision": "approve", "reason": "ouderavond-actie, afgestemd"}"#)
            #expect(decided.status == .ok)
            #expect(try decided.json()["status"] as? String == "published")
            #expect(try fixture.store.postRecord("ad-1").status == "published")
            let logged = try fixture.store.auditLog(subject: "ad-1").filter { $0.action == "review.approve" }
            #expect(logged.first?.detail == "ouderavond-actie, afgestemd")

            let twice = try await client.send(
                .post, "/v1/reviews/ad-1/decision", token: directie, json: #"{"decision": "reject", "reason": "toch niet"}"#)
            #expect(twice.status == .conflict)
            _ = try twice.problem()

            let remove = try await client.send(
                .post, "/v1/reviews/ad-2/decision", token: directie, json: #"{"decision": "remove", "reason": "reclame"}"#)
            #expect(try remove.json()["status"] as? String == "removed")
            let after = try await client.send(.get, "/v1/reviews", token: directie).decode(ReviewPage.self)
            #expect(after.items.map(\.id) == ["ad-0"])
            let approved = try await client.send(.get, "/v1/reviews?status=approved", token: directie).decode(ReviewPage.self)
            #expect(approved.items.map(\.id) == ["ad-1"])
            #expect(approved.items.first?.decision == "approve")

            // The repeat-offender view counts the author's flagged posts.
            let history = try await client.send(.get, "/v1/authors/t-devries/history", token: directie).decode(AuthorHistory.self)
            #expect(history.posts == 4)
            #expect(history.byVerdict == ["review": 3, "block": 1])
            #expect(history.byCategory["commercial"] == 3)
            #expect(history.flaggedLast30Days == 4)
        }
    }

    @Test("removal needs a reason and is logged; the directie may remove any post")
    func removal() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)
            #expect(
                try await client.send(.post, "/v1/posts", token: teacher, json: try examplePost("01-excursie-ok.json")).status == .created)
            let noReason = try await client.send(.delete, "/v1/posts/post-01", token: teacher)
            #expect(noReason.status == .unprocessableContent)
            #expect(try noReason.problem()["field"] as? String == "reason")
            let removed = try await client.send(
                .delete, "/v1/posts/post-01?reason=toestemming%20ingetrokken", token: fixture.token(Fixture.directie))
            #expect(removed.status == .ok)
            #expect(try fixture.store.postRecord("post-01").status == "removed")
            #expect(
                try fixture.store.auditLog(subject: "post-01").contains {
                    $0.action == "post.remove" && $0.detail == "toestemming ingetrokken"
                })
        }
    }

    @Test("frequency counts the group's real posts in the school's ISO week")
    func frequencyFromHistory() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)
            let first = try await client.send(.post, "/v1/check", token: teacher, json: post("Morgen gaan we naar de bibliotheek."))
            #expect(try first.decode(Report.self).findings.allSatisfy { $0.category != .frequency })
            for index in 0..<3 {
                let body = post("Bericht \(index + 1) van deze week: morgen gaan we naar de bibliotheek.")
                #expect(try await client.send(.post, "/v1/posts", token: teacher, json: body).status == .created)
            }
            let fourth = try await client.send(.post, "/v1/check", token: teacher, json: post("Morgen gaan we naar de bibliotheek."))
            #expect(try fourth.decode(Report.self).findings.contains { $0.category == .frequency })
            // Another group's week is its own.
            let other = try await client.send(
                .post, "/v1/check", token: fixture.token(Fixture.otherTeacher), json: post("Morgen gaan we zwemmen.", group: "groep-7a"))
            #expect(try other.decode(Report.self).findings.allSatisfy { $0.category != .frequency })
        }
    }

    @Test("consent over HTTP: a withdrawal takes effect on the next check and lists the posts to take down")
    func consent() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let admin = fixture.token(Fixture.admin)
            let teacher = fixture.token(Fixture.teacher)
            // Daan (p-002) has portal photo consent in the roster.
            let photo = post("Wat een mooie tekening!", extra: #", "id": "photo-1", "images": [{"id": "img1", "pupils": ["p-002"]}]"#)
            let published = try await client.send(.post, "/v1/posts", token: teacher, json: photo)
            #expect(try published.decode(SubmittedPost.self).status == .published)

            let withdrawal = try await client.send(
                .post, "/v1/consent/withdraw", token: admin,
                json: #"{"pupil": "p-002", "purpose": "portalPhoto", "source": "app", "note": "via app"}"#)
            #expect(withdrawal.status == .created)
            let outcome = try withdrawal.json()
            let toReview = try #require(outcome["postsToReview"] as? [[String: Any]])
            #expect(toReview.map { $0["postId"] as? String } == ["photo-1"])

            let again = try await client.send(
                .post, "/v1/check", token: teacher,
                json: post("Wat een mooie tekening!", extra: #", "images": [{"id": "img1", "pupils": ["p-002"]}]"#))
            #expect(try again.decode(Report.self).findings.contains { $0.category == .imageConsent })

            let listing = try await client.send(.get, "/v1/consent?group=groep-5b&lacking=true", token: admin).json()
            let pupils = try #require(listing["pupils"] as? [[String: Any]])
            #expect(pupils.contains { $0["pupilId"] as? String == "p-002" })
            #expect(listing["schoolYear"] as? String == "2026-2027")

            let given = try await client.send(
                .post, "/v1/consent", token: admin,
                json: #"{"pupil": "p-002", "purpose": "portalPhoto", "decision": "given", "source": "paper"}"#)
            #expect(given.status == .created)
            let history = try fixture.store.consentHistory(pupil: "p-002").filter { $0.purpose == .portalPhoto }.map(\.decision)
            #expect(history == [.given, .withdrawn, .given])
            #expect(history.count == 3)
            #expect(try fixture.store.auditLog(subject: "p-002").contains { $0.actor == Fixture.admin })
        }
    }
}
