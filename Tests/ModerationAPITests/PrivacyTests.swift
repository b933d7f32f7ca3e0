import Foundation
import HTTPTypes
import HummingbirdTesting
import PolicyEngine
import SchoolStore
import Testing

/// The holes a hostile tester found (issue 8): each test failed before the fix.
@Suite("Privacy: no answer names or confirms what the caller may not see")
struct PrivacyTests {
    /// Jesse (p-021) is in groep-7a: not a pupil of t-devries (groep-5b).
    static let foreignPupil = "p-021"

    @Test("a teacher tags only pupils of own groups; a foreign and an unknown pupil get the same 422")
    func teacherTags() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)
            let foreign = try await client.send(
                .post, "/v1/check", token: teacher,
                json: post("Foto van de les.", extra: #", "images": [{"id": "img1", "pupils": ["\#(Self.foreignPupil)"]}]"#))
            let unknown = try await client.send(
                .post, "/v1/check", token: teacher,
                json: post("Foto van de les.", extra: #", "images": [{"id": "img1", "pupils": ["p-999"]}]"#))
            #expect(foreign.status == .unprocessableContent)
            #expect(unknown.status == .unprocessableContent)
            let foreignProblem = try foreign.problem(), unknownProblem = try unknown.problem()
            #expect(foreignProblem["field"] as? String == "images[0].pupils[0]")
            #expect(
                (foreignProblem["detail"] as? String)?.replacingOccurrences(of: Self.foreignPupil, with: "X")
                    == (unknownProblem["detail"] as? String)?.replacingOccurrences(of: "p-999", with: "X"))
            #expect(!foreign.text.contains("Jesse") && !foreign.text.contains("toestemming"))
            // Own pupil without photo consent (Yara, p-015): the report names her.
            let own = try await client.send(
                .post, "/v1/check", token: teacher,
                json: post("Foto van de les.", extra: #", "images": [{"id": "img1", "pupils": ["p-015"]}]"#))
            #expect(own.status == .ok)
            #expect(own.text.contains("Yara (p-015)"))
            // The directie may tag any pupil of the school.
            let directie = try await client.send(
                .post, "/v1/check", token: fixture.token(Fixture.directie),
                json: post("Foto van de les.", group: "groep-7a", extra: #", "images": [{"id": "img1", "pupils": ["p-031"]}]"#))
            #expect(directie.status == .ok)
            #expect(directie.text.contains("Ruben (p-031)"))
        }
    }

    @Test("a parent's comment tags nobody, and naming a pupil never reveals that pupil's consent")
    func parentComment() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let parent = fixture.token(Fixture.parent)
            let tagged = try await client.send(
                .post, "/v1/posts", token: parent,
                json: post("Leuk!", kind: "comment", extra: #", "images": [{"id": "img1", "pupils": ["p-004"]}]"#))
            #expect(tagged.status == .unprocessableContent)
            #expect(try tagged.problem()["field"] as? String == "images[0].pupils[0]")
            // Liam (p-005) has no name consent, Zoë (p-001) has: the parent gets the same answer for both.
            var answers: [String] = []
            for name in ["Liam", "Zoë"] {
                let response = try await client.send(
                    .post, "/v1/posts", token: parent,
                    json: post("Wat knap gedaan door \(name) gisteren!", group: "school", kind: "comment"))
                #expect(response.status == .created, "\(response.text)")
                let submitted = try response.decode(SubmittedPost.self)
                #expect(!response.text.contains("p-005") && !response.text.contains("p-001"))
                let names = submitted.report.findings.filter { $0.category == .nameConsent }
                #expect(names.count == 1)
                answers.append("\(submitted.status) \(names.map { "\($0.severity) \($0.message)" })")
            }
            #expect(answers[0] == answers[1])
        }
    }

    @Test("flags are policy: a parent cannot switch the political rule off, a teacher can for a lesson")
    func flags() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let text = "Stem allemaal op de PVV bij de verkiezingen!"
            let parent = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.parent),
                json: post(text, group: "school", kind: "comment", extra: #", "flags": ["curriculum"]"#))
            let report = try parent.decode(SubmittedPost.self).report
            #expect(report.findings.contains { $0.category == .politicalReligious })
            #expect(report.ignoredFlags?.map(\.flag) == ["curriculum"])
            let teacher = try await client.send(
                .post, "/v1/check", token: fixture.token(Fixture.teacher), json: post(text, extra: #", "flags": ["curriculum"]"#))
            let teacherReport = try teacher.decode(Report.self)
            #expect(!teacherReport.findings.contains { $0.category == .politicalReligious })
            #expect(teacherReport.ignoredFlags == nil)
        }
    }

    @Test("a teacher's comment obeys the rules about individual children; replyTo must be a post the caller can see")
    func comments() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher)
            let comment = try await client.send(
                .post, "/v1/check", token: teacher, json: post("Daan heeft vandaag zijn zwemdiploma gehaald.", kind: "comment"))
            #expect(try comment.decode(Report.self).findings.contains { $0.category == .individualChild })
            // A post in groep-7a, which the parent of Fatima (groep-5b) cannot see.
            let other = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.otherTeacher),
                json: post("Morgen gaan we schaatsen.", group: "groep-7a", extra: #", "id": "post-7a""#))
            #expect(other.status == .created)
            let own = try await client.send(
                .post, "/v1/posts", token: teacher, json: post("Morgen is er gym.", extra: #", "id": "post-5b""#))
            #expect(own.status == .created)
            let parent = fixture.token(Fixture.parent)
            let hidden = try await client.send(
                .post, "/v1/posts", token: parent, json: post("Leuk!", kind: "comment", extra: #", "replyTo": "post-7a""#))
            let missing = try await client.send(
                .post, "/v1/posts", token: parent, json: post("Leuk!", kind: "comment", extra: #", "replyTo": "post-none""#))
            #expect(hidden.status == .unprocessableContent && missing.status == .unprocessableContent)
            #expect(
                (try hidden.problem()["detail"] as? String)?.replacingOccurrences(of: "post-7a", with: "X")
                    == (try missing.problem()["detail"] as? String)?.replacingOccurrences(of: "post-none", with: "X"))
            let answer = try await client.send(
                .post, "/v1/posts", token: parent,
                json: #"{"kind": "comment", "replyTo": "post-5b", "text": "Dank je wel, juf!"}"#)
            #expect(answer.status == .created, "\(answer.text)")
            let stored = try fixture.store.post(try answer.decode(SubmittedPost.self).id)
            #expect(stored?.replyTo == "post-5b" && stored?.groupId == "groep-5b")
        }
    }

    @Test("ids in paths are percent-decoded; bad ids are a 422 naming the field")
    func identifiers() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let teacher = fixture.token(Fixture.teacher), directie = fixture.token(Fixture.directie)
            let id = "bericht van Zoë"
            let submitted = try await client.send(
                .post, "/v1/posts", token: teacher,
                json: post(
                    "Met de kortingscode REGENBOOG krijg je 15% korting in mijn webshop.", extra: #", "id": "\#(id)""#))
            #expect(try submitted.decode(SubmittedPost.self).status == .review)
            let path = "bericht%20van%20Zo%C3%AB"
            #expect(try await client.send(.get, "/v1/reviews/\(path)", token: directie).status == .ok)
            let decided = try await client.send(
                .post, "/v1/reviews/\(path)/decision", token: directie, json: #"{"decision": "approve", "reason": "mag"}"#)
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(try await client.send(.delete, "/v1/posts/\(path)?reason=weg", token: directie).status == .ok)
            let longId = String(repeating: "x", count: 129)
            for (body, field) in [
                (#"{"text": "Hallo", "group": "groep-5b", "id": ""}"#, "id"),
                (#"{"text": "Hallo", "group": "groep-5b", "id": "a/b"}"#, "id"),
                (#"{"text": "Hallo", "group": "groep-5b", "id": "a\u0007b"}"#, "id"),
                (#"{"text": "Hallo", "group": "groep-5b", "id": "a\u200Bb"}"#, "id"),
                (#"{"text": "Hallo", "group": "groep-5b", "id": "\#(longId)"}"#, "id"),
                (#"{"text": "Hallo", "group": ""}"#, "group"),
            ] {
                let response = try await client.send(.post, "/v1/check", token: teacher, json: body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.text)")
                #expect(try response.problem()["field"] as? String == field, "\(body)")
            }
            let encodedSlash = try await client.send(.get, "/v1/reviews/a%2Fb", token: directie)
            #expect(encodedSlash.status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/reviews/%E0%A4%A", token: directie).status == .unprocessableContent)
        }
    }

    @Test("no existence oracle: another group's post is 'not found' like a missing one; reusing its id is not a conflict")
    func existence() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let other = try await client.send(
                .post, "/v1/posts", token: fixture.token(Fixture.otherTeacher),
                json: post("Morgen gaan we schaatsen.", group: "groep-7a", extra: #", "id": "geheim-7a""#))
            #expect(other.status == .created)
            let teacher = fixture.token(Fixture.teacher)
            let foreign = try await client.send(.delete, "/v1/posts/geheim-7a?reason=weg", token: teacher)
            let missing = try await client.send(.delete, "/v1/posts/bestaat-niet?reason=weg", token: teacher)
            #expect(foreign.status == .notFound && missing.status == .notFound)
            #expect(
                (try foreign.problem()["detail"] as? String)?.replacingOccurrences(of: "geheim-7a", with: "X")
                    == (try missing.problem()["detail"] as? String)?.replacingOccurrences(of: "bestaat-niet", with: "X"))
            #expect(try fixture.store.post("geheim-7a")?.status == "published")
            // Reusing the hidden id: stored under a fresh id, the other post untouched.
            let reused = try await client.send(
                .post, "/v1/posts", token: teacher, json: post("Morgen is er gym.", extra: #", "id": "geheim-7a""#))
            #expect(reused.status == .created)
            let fresh = try reused.decode(SubmittedPost.self).id
            #expect(fresh != "geheim-7a")
            #expect(try fixture.store.post("geheim-7a")?.groupId == "groep-7a")
            // Reusing one's own id is a conflict, as before.
            let again = try await client.send(.post, "/v1/posts", token: teacher, json: post("Nog eens.", extra: #", "id": "\#(fresh)""#))
            #expect(again.status == .conflict)
        }
    }

    @Test("reactivating a staff member does not bring back tokens issued before the deactivation")
    func reactivation() async throws {
        let fixture = try Fixture()
        try fixture.store.setStaffActive(id: Fixture.teacher, active: false, actor: "test", now: tuesdayAfternoon)
        try fixture.store.setStaffActive(id: Fixture.teacher, active: true, actor: "test", now: tuesdayAfternoon)
        try await fixture.test { client in
            let old = try await client.send(.post, "/v1/check", token: fixture.token(Fixture.teacher), json: post("Hallo"))
            #expect(old.status == .unauthorized)
            let fresh = try fixture.store.issueToken(for: Fixture.teacher, label: "new", actor: "test", now: tuesdayAfternoon).token
            #expect(try await client.send(.post, "/v1/check", token: fresh, json: post("Hallo")).status == .ok)
        }
    }

    @Test("what the OpenAPI document promises: unknown lang and blank reasons are a 422")
    func documentedValidation() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let lang = try await client.send(.post, "/v1/check?lang=fr", token: fixture.token(Fixture.teacher), json: post("Hallo"))
            #expect(lang.status == .unprocessableContent)
            #expect(try lang.problem()["field"] as? String == "lang")
            let blank = try await client.send(
                .post, "/v1/reviews/x/decision", token: fixture.token(Fixture.directie), json: #"{"decision": "approve", "reason": "  "}"#)
            #expect(blank.status == .unprocessableContent)
            let blankRemoval = try await client.send(.delete, "/v1/posts/x?reason=%20%09", token: fixture.token(Fixture.directie))
            #expect(blankRemoval.status == .unprocessableContent)
            let nullFlags = try await client.send(
                .post, "/v1/check", token: fixture.token(Fixture.teacher), json: #"{"text": "Hallo", "group": "groep-5b", "flags": null}"#)
            #expect(nullFlags.status == .ok)
        }
    }
}
