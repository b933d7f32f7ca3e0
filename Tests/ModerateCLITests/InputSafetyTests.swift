import Foundation
import GRDB
import Testing

/// Input errors as the README promises them (issue 8): file, line and column; any readable path;
/// a busy database is not bad input; a size limit per post.
@Suite("moderate: bad input, odd files and a busy database")
struct InputSafetyTests {
    let cli = CLITests()

    private func temporaryFile(_ bytes: [UInt8], name: String = "post.json") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("invalid UTF-8 and a lone surrogate name the file, line and column")
    func invalidText() throws {
        let latin1 = try temporaryFile(Array("{\n  \"text\": \"caf".utf8) + [0xE9] + Array("\"\n}".utf8))
        let run = try cli.moderate(["check", latin1])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(latin1):2:15: error: byte 0xE9 is not UTF-8 text"), "\(run.stderr)")
        let surrogate = try temporaryFile(Array(#"{"text": "a \ud800 b"}"#.utf8))
        let lone = try cli.moderate(["check", surrogate])
        #expect(lone.status == 2)
        #expect(lone.stderr.contains("\(surrogate):1:13: error: \\uD800 is half of a surrogate pair"), "\(lone.stderr)")
        let lines = try cli.moderate(["check", "--jsonl", "-"], stdin: "{\"text\": \"ok\"}\n{\"text\": \"\\udc00\"}\n")
        #expect(lines.stderr.contains("<stdin>:2:11: error: \\uDC00 is half of a surrogate pair"), "\(lines.stderr)")
    }

    @Test("/dev/stdin and pipes are readable files")
    func specialFiles() throws {
        let run = try cli.moderate(["check", "/dev/stdin"], stdin: #"{"text": "Morgen gaan we naar de bibliotheek."}"#)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("/dev/stdin: oordeel allow"))
        let lines = try cli.moderate(["check", "--jsonl", "/dev/stdin"], stdin: "{\"text\": \"Wat een k4nker dag\"}\n")
        #expect(lines.status == 1)
        #expect(lines.stdout.contains("\"verdict\":\"block\""))
    }

    @Test("a post above the size limit is refused with the limit, without reading it all")
    func sizeLimit() throws {
        let big = try temporaryFile(Array("{\"text\": \"\(String(repeating: "a", count: 5000))\"}".utf8))
        let run = try cli.moderate(["check", "--max-post-size", "1024", big])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is larger than 1 KiB"), "\(run.stderr)")
        let lines = try cli.moderate(
            ["check", "--jsonl", "--max-post-size", "1024", "-"],
            stdin: "{\"text\": \"\(String(repeating: "a", count: 3000))\"}\n{\"text\": \"Tot morgen\"}\n")
        #expect(lines.status == 2)
        #expect(lines.stderr.contains("<stdin>:1: error: the line is longer than 1 KiB"), "\(lines.stderr)")
        #expect(lines.stdout.split(separator: "\n").count == 1)
    }

    @Test("duplicate ids in a context file name both lines")
    func duplicateIds() throws {
        let context = """
            {
              "pupils": [
                {"id": "p-1", "firstName": "Sem", "group": "g"},
                {"id": "p-2", "firstName": "Zoë", "group": "g"},
                {"id": "p-1", "firstName": "Daan", "group": "g"}
              ]
            }
            """
        let path = try temporaryFile(Array(context.utf8), name: "school.json")
        let run = try cli.moderate(["check", "--context", path, "examples/posts/01-excursie-ok.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("pupils: the id 'p-1' appears lines 3 and 5"), "\(run.stderr)")
    }

    @Test("a database held by another program exits 3 with a plain message, not 'bad input'")
    func busyDatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("school.sqlite").path
        #expect(try cli.moderate(["school", "init", "examples/school.json", "--db", db]).status == 0)
        let holder = try DatabaseQueue(path: db)
        try holder.inDatabase { database in
            try database.execute(sql: "BEGIN EXCLUSIVE")
            let run = try cli.moderate(["staff", "deactivate", "t-devries", "--db", db])
            #expect(run.status == 3, "\(run.stderr)")
            #expect(run.stderr.contains("another program is using the school database"))
            try database.execute(sql: "ROLLBACK")
        }
    }
}
