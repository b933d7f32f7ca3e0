import Foundation
import PolicyEngine
import Testing

@testable import SchoolStore

@Suite("Consent as the law treats it")
struct ConsentTests {
    private func storeWithPupil() throws -> SchoolStore {
        let store = try SchoolStore(path: try temporaryDatabasePath())
        try seed(store)
        _ = try store.importRoster(
            RosterCSV.parse(csv([header, "p-1;Zoë;;Bakker;5B;o-1;Ouder;o1@example.nl;ja;nee;;"]), source: "x"), actor: "admin", now: now)
        return store
    }

    @Test("history is never overwritten; the newest decision counts at once")
    func history() throws {
        let store = try storeWithPupil()
        try store.recordConsent(pupil: "p-1", purpose: .portalName, decision: .given, source: .paper, actor: "admin", now: now)
        try store.recordConsent(
            pupil: "p-1", purpose: .portalName, decision: .withdrawn, source: .app, actor: "ouder", now: now.addingTimeInterval(60))
        let history = try store.consentHistory(pupil: "p-1").filter { $0.purpose == .portalName }
        #expect(history.map(\.decision) == [.refused, .given, .withdrawn])
        #expect(try store.consentStatus().first?.decision(.portalName) == .withdrawn)
        let context = try store.context(now: now)
        #expect(context.pupils?.first?.consent?.portalName == false)
        #expect(context.pupils?.first?.consent?.portalPhoto == true)
        // The table itself refuses updates.
        #expect(throws: (any Error).self) {
            try store.writer.write { db in try db.execute(sql: "UPDATE consentRecord SET decision = 'given'") }
        }
    }

    @Test("consent from last school year does not count after the roll-over")
    func rollover() throws {
        let store = try storeWithPupil()
        let preview = try store.rollOver(to: "2027-2028", apply: false, actor: "admin", now: now)
        #expect(preview.map(\.pupilId) == ["p-1"])
        #expect(preview.first?.decision(.portalPhoto) == .given)
        #expect(try store.schoolYear() == "2026-2027")
        _ = try store.rollOver(to: "2027-2028", apply: true, actor: "admin", now: now)
        #expect(try store.schoolYear() == "2027-2028")
        #expect(try store.consentStatus().first?.decisions.isEmpty == true)
        #expect(try store.context(now: now).pupils?.first?.consent?.portalPhoto == false)
        #expect(throws: StoreError.self) { try store.rollOver(to: "2026-2027", apply: true, actor: "admin", now: now) }
        #expect(throws: StoreError.self) { try store.rollOver(to: "2028-2030", apply: true, actor: "admin", now: now) }
    }

    @Test("withdrawal lists the published posts that show or name the pupil")
    func withdrawalFindsPosts() throws {
        let store = try storeWithPupil()
        let pack = try RulePackLoader.bundled()
        let engine = Engine(pack: pack)
        func submit(_ id: String, _ text: String, images: [Post.Image] = [], group: String = "groep-5b") throws -> SubmittedPost {
            let post = Post(
                id: id, group: group, author: .init(id: "t-devries", role: .teacher), postedAt: "2026-11-17T15:00:00+01:00", text: text,
                images: images)
            let context = engine.prepare(try store.context(now: now))
            let report = engine.evaluate(post, context: context)
            let mentioned = engine.pupilsMentioned(in: post, context: context)
            return try store.submit(post, report: report, named: mentioned.named, shown: mentioned.shown, now: now)
        }
        #expect(try submit("a", "Wat een mooie tekeningen!", images: [.init(id: "img", pupils: ["p-1"])]).status == .published)
        #expect(try submit("b", "Morgen is er gym.").status == .published)
        #expect(try submit("c", "Zoë heeft haar zwemdiploma.").status == .rejected)
        let affected = try store.recordConsent(
            pupil: "p-1", purpose: .portalPhoto, decision: .withdrawn, source: .app, actor: "ouder", now: now)
        #expect(affected.map(\.postId) == ["a"])
        #expect(affected.first?.how == "image")
        // Now the same photo is refused.
        #expect(try submit("d", "Nog een foto", images: [.init(id: "img", pupils: ["p-1"])]).status == .rejected)
    }

    @Test("the consent report lists who lacks what, per group")
    func report() throws {
        let store = try SchoolStore()
        try seed(store)
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/roster.csv"))
        _ = try store.importRoster(RosterCSV.parse(data, source: "roster.csv"), actor: "admin", now: now)
        let group = try store.consentStatus(group: "groep-5b")
        #expect(group.count == 20)
        #expect(group.allSatisfy { $0.groupId == "groep-5b" })
        let missing = group.filter { $0.decisions.isEmpty }
        #expect(!missing.isEmpty)
        #expect(missing.allSatisfy { $0.lacking == ConsentPurpose.allCases })
        #expect(throws: StoreError.unknown(kind: "group", id: "groep-9z")) { try store.consentStatus(group: "groep-9z") }
    }
}
