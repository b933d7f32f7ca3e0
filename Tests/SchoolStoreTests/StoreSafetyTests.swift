import Foundation
import GRDB
import PolicyEngine
import Testing

@testable import SchoolStore

@Suite("Posts, privacy duties and safety")
struct StoreSafetyTests {
    private func importDemo(_ store: SchoolStore) throws {
        try seed(store)
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/roster.csv"))
        _ = try store.importRoster(RosterCSV.parse(data, source: "roster.csv"), actor: "admin", now: now)
    }

    private func report(_ verdict: Verdict, excerpt: String = "geheim") -> Report {
        Report(
            id: nil,
            findings: verdict == .allow
                ? []
                : [
                    Finding(
                        rule: "r", category: .confidential, severity: verdict, message: "m", agreement: "a",
                        spans: [Span(start: 0, end: 6)], excerpt: excerpt)
                ])
    }

    @Test("the context from the store has the contract's shape and feeds the engine")
    func contextShape() throws {
        for store in try stores() {
            try importDemo(store)
            let context = try store.context(now: now)
            #expect(context.school?.timeZone == "Europe/Amsterdam")
            #expect(context.schoolYear == "2026-2027")
            #expect(context.groups?.first { $0.id == "groep-5b" }?.teachers == ["t-devries"])
            #expect(context.groups?.first { $0.id == "mr" }?.members?.sorted() == ["o-002", "t-jansen"])
            #expect(context.pupils?.count == 40)
            #expect(context.parents?.first { $0.id == "o-001" }?.children == ["p-001"])
            #expect(context.hours?.classByDay?["wed"]?.end == "12:15")
            // It round-trips through the JSON contract.
            let data = try JSONEncoder().encode(context)
            #expect(try ContractDecoder.context(from: data, source: "store") == context)
        }
    }

    @Test("submitted posts make the history the 1–3 per week rule counts, in ISO weeks")
    func history() throws {
        let store = try SchoolStore()
        try importDemo(store)
        for (index, day) in ["2026-11-16", "2026-11-17", "2026-11-18"].enumerated() {
            let post = Post(
                id: "p\(index)", group: "groep-5b", author: .init(id: "t-devries", role: .teacher), postedAt: "\(day)T15:00:00+01:00",
                text: "x")
            _ = try store.submit(post, report: report(.allow), named: [], shown: [], now: now)
        }
        let rejected = Post(
            id: "r", group: "groep-5b", author: .init(id: "t-devries", role: .teacher), postedAt: "2026-11-18T15:00:00+01:00", text: "x")
        _ = try store.submit(rejected, report: report(.block), named: [], shown: [], now: now)
        let context = try store.context(now: now)
        #expect(context.history?.filter { $0.group == "groep-5b" }.count == 3)
        let engine = Engine(pack: try RulePackLoader.bundled())
        let fourth = Post(
            group: "groep-5b", author: .init(id: "t-devries", role: .teacher), postedAt: "2026-11-19T15:00:00+01:00", text: "Nog iets")
        #expect(engine.evaluate(fourth, context: context).findings.map(\.rule).contains("konot.frequency.week"))
    }

    @Test("a deactivated staff member's posts are refused, and the context says they are inactive")
    func deactivated() throws {
        let store = try SchoolStore()
        try importDemo(store)
        try store.setStaffActive(id: "t-devries", active: false, actor: "directie", now: now)
        let post = Post(group: "groep-5b", author: .init(id: "t-devries", role: .teacher), text: "Hallo")
        #expect(throws: StoreError.inactiveStaff(id: "t-devries")) {
            try store.submit(post, report: report(.allow), named: [], shown: [], now: now)
        }
        #expect(try store.context(now: now).staff?.first { $0.id == "t-devries" }?.active == false)
        #expect(try store.auditLog(subject: "t-devries").map(\.action) == ["staff.create", "staff.deactivate"])
    }

    @Test("export holds everything about a pupil; erasure removes it and lonely parents")
    func exportAndErase() throws {
        let store = try SchoolStore(path: try temporaryDatabasePath())
        try importDemo(store)
        let post = Post(
            id: "x", group: "groep-5b", author: .init(id: "t-devries", role: .teacher), text: "foto", images: [.init(pupils: ["p-002"])])
        _ = try store.submit(post, report: report(.allow), named: [], shown: ["p-002"], now: now)
        let export = try store.exportPupil("p-002", actor: "admin", now: now)
        #expect(export.pupil.firstName == "Daan")
        #expect(export.parents.map(\.id) == ["o-002"])
        #expect(!export.consent.isEmpty)
        #expect(export.posts.map(\.postId) == ["x"])
        try store.erasePupil("p-002", actor: "admin", now: now)
        #expect(throws: StoreError.unknown(kind: "pupil", id: "p-002")) { try store.exportPupil("p-002", actor: "admin", now: now) }
        #expect(try store.consentHistory(pupil: "p-002").isEmpty)
        let leftovers = try store.writer.read { db in
            [
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parent WHERE id = 'o-002'"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM postPupil WHERE pupilId = 'p-002'"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM groupMember WHERE memberId = 'o-002'"),
            ]
        }
        #expect(leftovers == [0, 0, 0])
        #expect(try store.auditLog(subject: "p-002").last?.action == "pupil.erase")
    }

    @Test("the retention purge drops flagged texts and excerpts but keeps verdict counts")
    func purge() throws {
        let store = try SchoolStore()
        try importDemo(store)
        let old = now.addingTimeInterval(-100 * 86_400)
        for (id, verdict) in [("ok", Verdict.allow), ("bad", .block), ("doubt", .review)] {
            _ = try store.submit(Post(id: id, text: "geheim \(id)"), report: report(verdict), named: [], shown: [], now: old)
        }
        _ = try store.submit(Post(id: "recent", text: "geheim"), report: report(.block), named: [], shown: [], now: now)
        let before = try store.verdictCounts()
        #expect(try store.purgeFlaggedText(olderThan: 90, actor: "admin", now: now) == 2)
        #expect(try store.verdictCounts() == before)
        #expect(try store.post("bad")?.text == nil)
        #expect(try store.post("bad")?.report.contains("geheim") == false)
        #expect(try store.post("ok")?.text == "geheim ok")
        #expect(try store.post("recent")?.text == "geheim")
        #expect(try store.purgeFlaggedText(olderThan: 90, actor: "admin", now: now) == 0)
    }

    @Test("the audit log is append-only")
    func auditAppendOnly() throws {
        let store = try SchoolStore(path: try temporaryDatabasePath())
        try seed(store)
        #expect(throws: (any Error).self) { try store.writer.write { db in try db.execute(sql: "DELETE FROM auditLog") } }
        #expect(throws: (any Error).self) { try store.writer.write { db in try db.execute(sql: "UPDATE auditLog SET actor = 'x'") } }
        #expect(try store.auditLog().count >= 5)
    }

    @Test("an online backup is a complete, consistent copy")
    func backup() throws {
        let path = try temporaryDatabasePath()
        let store = try SchoolStore(path: path)
        try importDemo(store)
        let copyPath = path + ".backup"
        try store.backup(to: copyPath)
        let copy = try SchoolStore(path: copyPath, create: false)
        #expect(try copy.pupils().count == 40)
        #expect(try copy.integrityCheck() == ["ok"])
        #expect(throws: StoreError.exists(path: copyPath)) { try store.backup(to: copyPath) }
    }

    @Test("a missing database is not silently created when it should exist")
    func missingDatabase() throws {
        let path = try temporaryDatabasePath()
        #expect(throws: StoreError.self) { try SchoolStore(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a failure in the middle of an import changes nothing (one transaction)")
    func atomicImport() throws {
        let store = try SchoolStore(path: try temporaryDatabasePath())
        try seed(store)
        // A trigger makes the third insert fail, as a full disk would.
        try store.writer.write { db in
            try db.execute(
                sql: "CREATE TEMP TRIGGER failOnThird BEFORE INSERT ON pupil WHEN NEW.id = 'L3' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        }
        let data = csv([header, "L1;A;;X;5B;;;;ja;;;", "L2;B;;Y;5B;;;;ja;;;", "L3;C;;Z;5B;;;;ja;;;"])
        #expect(throws: (any Error).self) { try store.importRoster(RosterCSV.parse(data, source: "x"), actor: "admin", now: now) }
        #expect(try store.pupils().isEmpty)
        #expect(try store.consentStatus().isEmpty)
    }
}
