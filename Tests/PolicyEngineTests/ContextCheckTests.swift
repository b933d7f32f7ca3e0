import Foundation
import Testing

@testable import PolicyEngine

@Suite("Context checks: consent, audience, hours, frequency")
struct ContextCheckTests {
    private func rules(_ post: Post, context: PreparedContext = Fixtures.school) -> Set<String> {
        Set(Fixtures.engine.evaluate(post, context: context).findings.map(\.rule))
    }

    private func skipped(_ post: Post, context: PreparedContext) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (Fixtures.engine.evaluate(post, context: context).skipped ?? []).map { ($0.rule, $0.reason) })
    }

    @Test(
        "working hours are read in the school's time zone, summer time included",
        arguments: [
            ("2026-11-24T06:00:00Z", true),  // 07:00 CET: before work
            ("2026-11-24T06:45:00Z", false),  // 07:45 CET
            ("2027-06-15T06:00:00Z", false),  // 08:00 CEST
            ("2027-06-15T05:15:00Z", true),  // 07:15 CEST
            ("2026-11-24T17:05:00+01:00", false),
            ("2026-11-24T18:00:00+01:00", true),
            ("2026-11-24T12:00:00+01:00", true),  // lessons
            ("2026-11-25T12:00:00+01:00", true),  // Wednesday morning lessons until 12:15
            ("2026-11-25T12:15:00+01:00", false),  // Wednesday afternoon is free
            ("2026-11-29T11:00:00+01:00", true),  // Sunday
            ("2026-03-29T14:45:00+02:00", true),  // Sunday of the DST switch
        ])
    func workingHours(postedAt: String, fires: Bool) {
        #expect(rules(Fixtures.post("Bericht", postedAt: postedAt)).contains("konot.working-hours.teacher") == fires)
    }

    @Test("an excursion may be posted during lessons")
    func excursion() {
        let post = Fixtures.post("We zijn in het museum", postedAt: "2026-11-24T10:00:00+01:00", flags: ["excursion"])
        #expect(!rules(post).contains("konot.working-hours.teacher"))
    }

    @Test("frequency counts posts of the group in the same ISO week, in the school's time zone")
    func frequency() {
        var context = Fixtures.pack.exampleContext
        context.history = [
            .init(group: "groep-5b", postedAt: "2026-11-30T09:00:00+01:00"),
            .init(group: "groep-5b", postedAt: "2026-12-01T09:00:00+01:00"),
            .init(group: "groep-5b", postedAt: "2026-12-02T09:00:00+01:00"),
            .init(group: "groep-7a", postedAt: "2026-12-02T09:00:00+01:00"),
        ]
        let prepared = Fixtures.engine.prepare(context)
        // Sunday 29 November 23:30 in Amsterdam is still ISO week 48, though it is Monday in UTC+2.
        let sunday = Fixtures.post("Bericht", postedAt: "2026-11-29T22:30:00Z")
        #expect(!rules(sunday, context: prepared).contains("konot.frequency.week"))
        let thursday = Fixtures.post("Bericht", postedAt: "2026-12-03T15:00:00+01:00")
        let report = Fixtures.engine.evaluate(thursday, context: prepared)
        let finding = report.findings.first { $0.rule == "konot.frequency.week" }
        #expect(finding?.message.contains("bericht 4 in groep-5b in week 49") == true)
        #expect(finding?.severity == .warn)
    }

    @Test("ISO weeks at the turn of the year")
    func isoWeeks() {
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        func week(_ text: String) -> String {
            let time = LocalTime(epochSeconds: LocalTime.parseISO8601(text)!, zone: zone)
            return "\(time.isoYear)-W\(time.isoWeek)"
        }
        #expect(week("2026-12-31T12:00:00+01:00") == "2026-W53")
        #expect(week("2027-01-03T12:00:00+01:00") == "2026-W53")
        #expect(week("2027-01-04T12:00:00+01:00") == "2027-W1")
        #expect(week("2024-12-30T12:00:00+01:00") == "2025-W1")
    }

    @Test("consent from last school year does not count")
    func lastYearsConsent() {
        let post = Fixtures.post(
            "Sem heeft de taart gebakken.", group: "groep-7a", author: .init(id: "t-jansen", role: .teacher),
            postedAt: "2026-12-01T15:00:00+01:00", images: [.init(id: "img", pupils: ["p-020"])])
        let fired = rules(post)
        #expect(fired.contains("konot.name-consent.roster"))
        #expect(fired.contains("konot.image-consent.photo"))
    }

    @Test("the website needs external consent; the portal needs portal consent")
    func websiteConsent() {
        let images = [Post.Image(id: "img", pupils: ["p-012"])]  // Zoë: portal photo yes, external no
        let portal = Fixtures.post("Foto", images: images)
        let website = Fixtures.post("Foto", channel: .website, group: "school", author: .init(id: "d-bos", role: .directie), images: images)
        #expect(!rules(portal).contains("konot.image-consent.photo"))
        #expect(rules(website).contains("konot.image-consent.photo"))
    }

    @Test("without a roster the report says names and consent were not checked")
    func noRoster() {
        var context = Fixtures.pack.exampleContext
        context.pupils = nil
        let prepared = Fixtures.engine.prepare(context)
        let post = Fixtures.post("Zoë heeft een foto gemaakt.", images: [.init(id: "img", pupils: ["p-012"])])
        let report = Fixtures.engine.evaluate(post, context: prepared)
        #expect(!report.findings.contains { $0.category == .nameConsent || $0.category == .imageConsent })
        let notChecked = skipped(post, context: prepared)
        #expect(notChecked["konot.name-consent.roster"]?.contains("leerlingenlijst") == true)
        #expect(notChecked["konot.image-consent.photo"] != nil)
    }

    @Test("an empty context switches the context rules off and says so")
    func emptyContext() {
        let report = Fixtures.engine.evaluate(Post(text: "Morgen gym."), context: .empty)
        #expect(report.verdict == .allow)
        // No roster, and a bare post without author or group: every rule that needs them says so.
        #expect(
            Set((report.skipped ?? []).map(\.rule)) == [
                "konot.name-consent.roster", "konot.individual-child.named",
                "konot.audience.groups", "konot.frequency.week",
            ])
    }

    @Test(
        "who may post where",
        arguments: [
            ("t-devries", Post.Role.teacher, "groep-5b", Post.Kind.post, true),
            ("t-devries", .teacher, "groep-7a", .post, false),
            ("t-devries", .teacher, "school", .post, false),
            ("t-devries", .teacher, "mr", .post, false),
            ("t-jansen", .teacher, "mr", .post, true),
            ("t-oud", .teacher, "groep-5b", .post, false),
            ("x-onbekend", .teacher, "groep-5b", .post, false),
            ("d-bos", .directie, "school", .post, true),
            ("d-bos", .directie, "groep-7a", .post, true),
            ("a-smit", .admin, "school", .post, true),
            ("o-001", .parent, "groep-5b", .post, false),
            ("o-001", .parent, "groep-5b", .comment, true),
            ("o-001", .parent, "groep-7a", .comment, false),
            ("o-001", .parent, "school", .comment, true),
            ("o-002", .parent, "mr", .post, true),
            ("o-001", .parent, "mr", .comment, false),
            ("d-bos", .directie, "groep-onbekend", .post, false),
        ])
    func audience(author: String, role: Post.Role, group: String, kind: Post.Kind, allowed: Bool) {
        let post = Fixtures.post("Bericht", kind: kind, group: group, author: .init(id: author, role: role))
        #expect(rules(post).contains("konot.audience.groups") == !allowed)
    }

    @Test("a school that switches comments off blocks parents' comments")
    func commentsOff() throws {
        let folder = try temporaryFolder(["school.yaml": "policy: { parentsMayComment: false }\n"])
        let pack = try Overrides.apply(file: folder + "/school.yaml", to: Fixtures.pack)
        let engine = Engine(pack: pack)
        let post = Fixtures.post("Leuk!", kind: .comment, author: .init(id: "o-001", role: .parent))
        let report = engine.evaluate(post, context: engine.prepare(pack.exampleContext))
        #expect(report.findings.contains { $0.rule == "konot.audience.groups" })
    }

    @Test("a teacher's comment is a teacher-reply warning, not a block")
    func teacherReply() {
        let report = Fixtures.engine.evaluate(Fixtures.post("Graag gedaan!", kind: .comment), context: Fixtures.school)
        #expect(report.verdict == .warn)
        #expect(report.findings.map(\.rule) == ["konot.teacher-reply.comment"])
    }
}

@Suite("One child or the family")
struct IndividualChildTests {
    private let rule = "konot.individual-child.named"

    @Test("a pupil named only as whose parent someone is: the post is about the parent, unless the child comes back")
    func relativeOfPupil() {
        #expect(!Fixtures.rules(firing: "Dank aan de vader van Daan, die in de vakantie ons lokaal heeft geverfd.").contains(rule))
        #expect(!Fixtures.rules(firing: "De opa van Fatima kwam in de klas vertellen over vroeger.").contains(rule))
        #expect(Fixtures.rules(firing: "De oma van Daan haalt hem vandaag op.").contains(rule))
        #expect(Fixtures.rules(firing: "De vader van Daan zei dat Daan ziek is.").contains(rule))
        #expect(Fixtures.rules(firing: "Daan heeft vandaag zijn zwemdiploma gehaald.").contains(rule))
    }

    @Test("a pronoun that agrees with the relative takes up the relative; a family's private situation is the child's")
    func relativePronouns() {
        #expect(!Fixtures.rules(firing: "De vader van Daan gaf een gastles over zijn werk als brandweerman.").contains(rule))
        #expect(!Fixtures.rules(firing: "De moeder van Fatima vertelde in de klas over haar werk.").contains(rule))
        #expect(!Fixtures.rules(firing: "Die twee moeders van Fatima zijn altijd de eersten die helpen.").contains(rule))
        // A pronoun of the other gender is the child.
        #expect(Fixtures.rules(firing: "De moeder van Daan zegt dat hij morgen later komt.").contains(rule))
        // Prison, a divorce, an illness in the family: about the child, whoever the pronoun is.
        #expect(Fixtures.rules(firing: "De vader van Daan zit in de gevangenis, vandaar dat hij zo stil is.").contains(rule))
        #expect(Fixtures.rules(firing: "De ouders van Fatima gaan scheiden heb ik gehoord.").contains(rule))
    }
}
