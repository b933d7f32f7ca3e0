import Foundation
import Testing

/// Runs the real `moderate` binary, as a teacher or a script would, and checks output and exit codes.
@Suite("moderate command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits next to the test bundle in the build folder.
    static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("moderate").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("moderate")
    }

    func moderate(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["MODERATE_RULES"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("a clean post exits 0, a blocked one exits 1")
    func exitCodes() throws {
        let clean = try moderate(["check", "--context", "examples/school.json", "examples/posts/01-excursie-ok.json"])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("oordeel allow"))
        let blocked = try moderate(["check", "--context", "examples/school.json", "examples/posts/03-bsn-en-telefoon.json"])
        #expect(blocked.status == 1)
        #expect(blocked.stdout.contains("examples/posts/03-bsn-en-telefoon.json:1:75: block: Er staat een burgerservicenummer"))
        #expect(blocked.stdout.contains("^~~~~~~~~"))
        let warned = try moderate(["check", "--context", "examples/school.json", "examples/posts/06-buiten-werktijd.json"])
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("warn"))
    }

    @Test("bad input and bad usage exit 2 with a specific message")
    func badInput() throws {
        let broken = try moderate(["check"], stdin: "{\"text\": 12}")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("<stdin>: error: field 'text': expected a string"))
        let missing = try moderate(["check", "nope.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: error: cannot read the file"))
        let usage = try moderate(["check", "--lang", "fr", "examples/posts/01-excursie-ok.json"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--lang must be nl or en"))
        let unknownFlag = try moderate(["check", "--frobnicate"])
        #expect(unknownFlag.status == 2)
        let badContext = try moderate(["check", "--context", "Package.swift", "examples/posts/01-excursie-ok.json"])
        #expect(badContext.status == 2)
        #expect(badContext.stderr.contains("Package.swift:1:1: error: not valid JSON"))
    }

    @Test("--format json prints one report, or an array for several files")
    func json() throws {
        let one = try moderate(["check", "--format", "json", "--context", "examples/school.json", "examples/posts/07-reclame.json"])
        let report = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any]
        #expect(report?["verdict"] as? String == "review")
        #expect(report?["id"] as? String == "post-07")
        let two = try moderate([
            "check", "--format", "json", "--context", "examples/school.json",
            "examples/posts/07-reclame.json", "examples/posts/08-ouder-reactie.json",
        ])
        let reports = try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [[String: Any]]
        #expect(reports?.map { $0["verdict"] as? String } == ["review", "allow"])
    }

    @Test("--jsonl writes one report per line and reports bad lines without losing the others")
    func jsonLines() throws {
        let input =
            "{\"id\":\"a\",\"text\":\"Morgen gym.\"}\n\n{\"id\":\"b\",\"text\":\"Wat een k4nker dag\"}\n{broken\n{\"id\":\"c\",\"text\":\"Tot morgen\"}\n"
        let run = try moderate(["check", "--jsonl", "-"], stdin: input)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"verdict\":\"block\""))
        #expect(run.stderr.contains("<stdin>:4:2: error: not valid JSON"))
        #expect(run.status == 2)
    }

    @Test("English messages with --lang en")
    func english() throws {
        let run = try moderate(["check", "--lang", "en", "--context", "examples/school.json", "examples/posts/04-verhuld-schelden.json"])
        #expect(run.stdout.contains("verdict block"))
        #expect(run.stdout.contains("The post contains swearing."))
    }

    @Test("rules test runs every example and ends with the pass/fail count")
    func rulesTest() throws {
        let run = try moderate(["rules", "test"])
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"rules: \d+ passed, 0 failed"#, options: .regularExpression) != nil)
        let fromDisk = try moderate(["rules", "test", "--rules", "rules/konot"])
        #expect(fromDisk.status == 0, "\(fromDisk.stdout)\(fromDisk.stderr)")
        // The example school turns parents' comments off: the pack's example of a parent's comment that
        // passes now fires, and `rules test` shows the school exactly that consequence.
        let overridden = try moderate(["rules", "test", "--overrides", "rules/overrides/example-school.yaml"])
        #expect(overridden.status == 1)
        #expect(overridden.stdout.contains("context.yaml:"))
        #expect(overridden.stdout.contains("rule 'konot.audience.groups' should not fire on \"Wat een leuke foto's!\""))
        #expect(overridden.stdout.contains("op deze school kunnen ouders niet reageren"))
    }

    @Test("rules list shows every rule with its category and severity")
    func rulesList() throws {
        let run = try moderate(["rules", "list"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("konot.confidential.bsn"))
        #expect(run.stdout.contains("detector bsn"))
        let overridden = try moderate(["rules", "list", "--format", "json", "--overrides", "rules/overrides/example-school.yaml"])
        let rows = try JSONSerialization.jsonObject(with: Data(overridden.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.first { $0["id"] as? String == "konot.commercial.selling" }?["severity"] as? String == "block")
    }

    @Test("a broken rule pack is reported with file and line, exit 2")
    func brokenPack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id: x\nname: [\n".write(to: folder.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        let run = try moderate(["rules", "test", "--rules", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("pack.yaml:"))
        #expect(run.stderr.contains("not valid YAML"))
    }
}
