import Foundation
import SchoolStore
import Testing

/// The administration's workflow through the real binary, on a real database file.
@Suite("moderate with the school database")
struct StoreCLITests {
    let cli = CLITests()

    private func freshDatabase() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-cli-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("school.sqlite").path
    }

    @Test("init, import, report, check from the database, submit, withdraw, remove")
    func workflow() throws {
        let db = try freshDatabase()
        let missing = try cli.moderate(["consent", "report", "--db", db])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("there is no database here"))
        #expect(try cli.moderate(["school", "init", "examples/school.json", "--db", db]).status == 0)
        let imported = try cli.moderate(["pupils", "import", "examples/roster.csv", "--db", db, "--actor", "administratie"])
        #expect(imported.stdout.contains("40 pupils added"))
        let report = try cli.moderate(["consent", "report", "--group", "groep-5b", "--format", "csv", "--db", db])
        #expect(report.stdout.hasPrefix("groep;leerling;naam;foto portaal;naam portaal;foto extern;naam extern\n"))
        let check = try cli.moderate(["check", "--db", db, "examples/posts/02-naam-zonder-toestemming.json"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("Zoë (p-001)"))
        let submitted = try cli.moderate(["submit", "examples/posts/01-excursie-ok.json", "--db", db])
        #expect(submitted.status == 0)
        #expect(submitted.stdout.contains("post post-01: published"))
        let again = try cli.moderate(["submit", "examples/posts/01-excursie-ok.json", "--db", db])
        #expect(again.status == 2)
        #expect(again.stderr.contains("a post with id 'post-01' already exists"))
        let withdrawn = try cli.moderate(["consent", "withdraw", "p-002", "--purpose", "portalPhoto", "--source", "app", "--db", db])
        #expect(withdrawn.stdout.contains("post-01"))
        #expect(try cli.moderate(["posts", "remove", "post-01", "--reason", "toestemming ingetrokken", "--db", db]).status == 0)
        let store = try SchoolStore(path: db, create: false)
        #expect(try store.post("post-01")?.status == "removed")
        #expect(try store.auditLog().contains { $0.action == "roster.import" && $0.actor == "administratie" })
    }

    @Test("the review queue from the command line: list, show (logged), decide once, author record")
    func reviewQueue() throws {
        let db = try freshDatabase()
        _ = try cli.moderate(["school", "init", "examples/school.json", "--db", db])
        _ = try cli.moderate(["pupils", "import", "examples/roster.csv", "--db", db])
        #expect(try cli.moderate(["submit", "examples/posts/07-reclame.json", "--db", db]).status == 1)
        let list = try cli.moderate(["review", "list", "--db", db])
        #expect(list.status == 0)
        #expect(list.stdout.contains("post-07") && list.stdout.contains("commercial"))
        #expect(try cli.moderate(["review", "list", "--category", "abuse", "--db", db]).stdout.contains("0 of 0 shown"))
        #expect(try cli.moderate(["review", "list", "--status", "maybe", "--db", db]).status == 2)
        let show = try cli.moderate(["review", "show", "post-07", "--db", db, "--actor", "d-bos"])
        #expect(show.stdout.contains("kortingscode") && show.stdout.contains("konot.commercial.selling"))
        let decided = try cli.moderate(["review", "decide", "post-07", "--reject", "--reason", "reclame", "--db", db, "--actor", "d-bos"])
        #expect(decided.stdout.contains("post post-07: rejected"))
        let again = try cli.moderate(["review", "decide", "post-07", "--approve", "--reason", "toch wel", "--db", db])
        #expect(again.status == 2)
        #expect(again.stderr.contains("not waiting for review"))
        #expect(try cli.moderate(["review", "author", "t-devries", "--db", db]).stdout.contains("1 posts, 1 flagged"))
        let log = try SchoolStore(path: db, create: false).auditLog(subject: "post-07")
        #expect(log.contains { $0.action == "review.view" && $0.actor == "d-bos" })
        #expect(log.contains { $0.action == "review.reject" && $0.detail == "reclame" })
    }

    @Test("API tokens: issued once, listed without secrets, revoked; serve refuses a missing database")
    func tokens() throws {
        let db = try freshDatabase()
        let noDatabase = try cli.moderate(["serve", "--db", db, "--port", "18080"])
        #expect(noDatabase.status == 2)
        #expect(noDatabase.stderr.contains("there is no database here"))
        #expect(try cli.moderate(["serve", "--port", "0"]).status == 2)
        _ = try cli.moderate(["school", "init", "examples/school.json", "--db", db])
        let issued = try cli.moderate(["staff", "token", "issue", "t-devries", "--label", "laptop", "--db", db])
        #expect(issued.status == 0)
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("mdr_") && token.count > 40)
        #expect(issued.stderr.contains("not shown again"))
        let store = try SchoolStore(path: db, create: false)
        #expect(try store.verifyToken(token)?.role == "teacher")
        let id = String(token.dropFirst(4).prefix(16))
        let listed = try cli.moderate(["staff", "token", "list", "--db", db])
        #expect(listed.stdout.contains(id) && listed.stdout.contains("laptop"))
        #expect(!listed.stdout.contains(String(token.dropFirst(21))))
        #expect(try cli.moderate(["staff", "token", "issue", "nobody", "--db", db]).status == 2)
        #expect(try cli.moderate(["staff", "token", "revoke", id, "--db", db]).status == 0)
        #expect(try store.verifyToken(token) == nil)
        #expect(try store.auditLog().contains { $0.action == "token.revoke" })
    }

    @Test("web sign-in support: staff password from standard input (bcrypt), --generate, too short, totp reset")
    func passwords() throws {
        let db = try freshDatabase()
        _ = try cli.moderate(["school", "init", "examples/school.json", "--db", db])
        let set = try cli.moderate(["staff", "password", "d-bos", "--db", db], stdin: "een lange zin als wachtwoord\n")
        #expect(set.status == 0, "\(set.stderr)")
        let store = try SchoolStore(path: db, create: false)
        let login = try #require(try store.staffLogin(id: "d-bos"))
        #expect(login.passwordHash?.hasPrefix("$2b$12$") == true, "bcrypt, cost 12")
        #expect(SchoolStore.verifyPassword("een lange zin als wachtwoord", login))
        #expect(!SchoolStore.verifyPassword("een andere zin", login))
        let short = try cli.moderate(["staff", "password", "d-bos", "--db", db], stdin: "kort\n")
        #expect(short.status == 2 && short.stderr.contains("at least 10 characters"))
        #expect(try cli.moderate(["staff", "password", "nobody", "--db", db], stdin: "een lange zin als wachtwoord\n").status == 2)
        let generated = try cli.moderate(["staff", "password", "t-devries", "--generate", "--db", db])
        let password = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(password.count == 19)
        #expect(SchoolStore.verifyPassword(password, try #require(try store.staffLogin(id: "t-devries"))))
        try store.beginSecondFactor(staff: "d-bos", secret: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", now: Date())
        #expect(try cli.moderate(["staff", "totp", "reset", "d-bos", "--db", db]).status == 0)
        #expect(try store.staffLogin(id: "d-bos")?.totpSecret == nil)
        #expect(try store.auditLog(subject: "d-bos").map(\.action).contains("staff.totp-reset"))
    }

    @Test("a refused import lists every bad row as file:line and changes nothing")
    func refusedImport() throws {
        let db = try freshDatabase()
        _ = try cli.moderate(["school", "init", "examples/school.json", "--db", db])
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
        try "leerlingnummer;roepnaam;achternaam;groep;foto portaal\nL1;Noor;Smit;5B;ja\nL2;;Bos;5B;ja\nL3;Eva;Wit;5B;soms\n".write(
            to: csv, atomically: true, encoding: .utf8)
        let run = try cli.moderate(["pupils", "import", csv.path, "--db", db])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(csv.path):3: error: field 'roepnaam': empty"))
        #expect(run.stderr.contains("\(csv.path):4: error: field 'fotoportaal': 'soms' is not ja or nee"))
        #expect(try SchoolStore(path: db, create: false).pupils().isEmpty)
    }

    @Test("kill -9 in the middle of an import leaves the database as before the import")
    func killDuringImport() throws {
        let db = try freshDatabase()
        _ = try cli.moderate(["school", "init", "examples/school.json", "--db", db])
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).csv")
        var text = "leerlingnummer;roepnaam;achternaam;groep;ouder_id;email_ouder;foto portaal;naam portaal\n"
        for index in 0..<20_000 { text += "L\(index);Kind\(index);Achternaam;5B;O\(index);ouder\(index)@example.nl;ja;nee\n" }
        try text.write(to: csv, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["pupils", "import", csv.path, "--db", db]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the import transaction is writing (its pages reach the WAL), then kill it hard.
        let wal = db + "-wal"
        let deadline = Date().addingTimeInterval(60)
        var walSize = 0
        while process.isRunning, Date() < deadline {
            walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if walSize > 256 * 1024 { break }
            usleep(2_000)
        }
        let killedMidway = process.isRunning
        if killedMidway { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(killedMidway, "the import finished before it could be killed; make the file larger")
        #expect(process.terminationReason == .uncaughtSignal)

        let store = try SchoolStore(path: db, create: false)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.pupils().isEmpty)
        #expect(try store.consentStatus().isEmpty)
        #expect(try store.auditLog().allSatisfy { $0.action != "roster.import" })
        // And the same import then goes through.
        let rerun = try cli.moderate(["pupils", "import", csv.path, "--db", db])
        #expect(rerun.status == 0)
        #expect(try store.pupils().count == 20_000)
    }
}
