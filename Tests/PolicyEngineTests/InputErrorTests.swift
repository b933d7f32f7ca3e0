import Foundation
import Testing

@testable import PolicyEngine

@Suite("Bad input gives a clear error, never a crash")
struct InputErrorTests {
    private func postError(_ json: String) -> String? {
        do {
            _ = try ContractDecoder.post(from: Data(json.utf8), source: "post.json")
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test(
        "malformed or mistyped posts name the field",
        arguments: [
            ("{", "post.json:1:2: error: not valid JSON: the document ends too early; expected a field name"),
            ("{\"text\": \"a\",\n \"x\": tru}", "post.json:2:7: error: not valid JSON: expected true"),
            ("{\"text\": \"a\", x}", "post.json:1:15: error: not valid JSON: expected a field name in quotes"),
            ("{\"text\": \"regel\none\"}", "post.json:1:16: error: not valid JSON: a line break"),
            ("[]", "post.json: error: the document must be a JSON object"),
            ("{}", "missing field 'text'"),
            (#"{"text": 5}"#, "field 'text': expected a string"),
            (#"{"text": "x", "kind": "tweet"}"#, "field 'kind': 'tweet' is not an allowed value"),
            (#"{"text": "x", "author": {"id": "a", "role": "king"}}"#, "field 'author.role': 'king' is not an allowed value"),
            (#"{"text": "x", "images": [{"pupils": "p-1"}]}"#, "field 'images[0].pupils': expected a list"),
            (#"{"text": "x", "postedAt": "gisteren"}"#, "field 'postedAt': 'gisteren' is not an ISO 8601 time with offset"),
            (#"{"text": "x", "postedAt": "2026-11-24T15:10:00"}"#, "is not an ISO 8601 time with offset"),
            (#"{"text": "x", "postedAt": "2026-02-30T15:10:00+01:00"}"#, "is not an ISO 8601 time with offset"),
        ])
    func posts(json: String, expected: String) {
        let error = postError(json)
        #expect(error?.contains(expected) == true, "\(error ?? "no error")")
    }

    @Test("unknown fields are ignored")
    func unknownFields() {
        #expect(postError(#"{"text": "x", "mood": "happy"}"#) == nil)
    }

    @Test(
        "a context with impossible hours or an unknown time zone is refused",
        arguments: [
            (#"{"school": {"timeZone": "Europe/Breda"}}"#, "school.timeZone"),
            (#"{"hours": {"work": {"start": "7:30", "end": "18:00"}}}"#, "times are written HH:MM"),
            (#"{"hours": {"work": {"start": "18:00", "end": "07:30"}}}"#, "is not before the end"),
            (#"{"hours": {"workdays": ["maandag"]}}"#, "'maandag' is not a weekday"),
            (#"{"history": [{"group": "g", "postedAt": "later"}]}"#, "history[0].postedAt"),
            (#"{"pupils": [{"id": "p-1"}]}"#, "missing field 'pupils[0].firstName'"),
        ])
    func contexts(json: String, expected: String) {
        do {
            _ = try ContractDecoder.context(from: Data(json.utf8), source: "school.json")
            Issue.record("expected an error for \(json)")
        } catch {
            #expect(String(describing: error).contains(expected), "\(error)")
            #expect(String(describing: error).hasPrefix("school.json: error:"))
        }
    }

    /// A minimal valid pack plus one rule file, to break in different ways.
    private func pack(rules: String) throws -> String {
        var packYAML = try String(contentsOfFile: repositoryPath("rules/konot/pack.yaml"), encoding: .utf8)
        packYAML = packYAML.replacingOccurrences(of: "exampleContext: test-school.json\n", with: "")
        return try temporaryFolder(["pack.yaml": packYAML, "broken.yaml": rules])
    }

    @Test(
        "a broken rule file names file, line and rule",
        arguments: [
            (
                "rules:\n  - id: x.one\n    category: abuse\n    severty: block\n", "broken.yaml:4", "rule 'x.one'",
                "unknown field 'severty'"
            ),
            ("rules:\n  - id: x.two\n    category: rudeness\n", "broken.yaml:3", "rule 'x.two'", "'rudeness' is not one of"),
            (
                "rules:\n  - id: x.three\n    category: abuse\n    message: Hoi\n", "broken.yaml:2", "rule 'x.three'",
                "exactly one of 'terms', 'detector', 'check' or 'patterns'"
            ),
            (
                "rules:\n  - id: x.four\n    category: abuse\n    message: Hoi\n    terms: [kut]\n", "broken.yaml:2", "rule 'x.four'",
                "examples that must fire"
            ),
            (
                "rules:\n  - id: x.five\n    category: abuse\n    message: Hoi\n    detector: horoscope\n", "broken.yaml:5",
                "rule 'x.five'", "'horoscope' is not one of"
            ),
            (
                "rules:\n  - id: x.six\n    category: abuse\n    message: Hoi\n    terms: [\"...\"]\n", "broken.yaml:5", "rule 'x.six'",
                "holds no letters or digits"
            ),
            (
                "rules:\n  - id: x.seven\n    category: abuse\n    message: Hoi\n    terms: [kut]\n    examples: {fire: [{text: 5, kind: tweet}], pass: [x]}\n",
                "broken.yaml:6", "rule 'x.seven'", "'tweet' is not an allowed value"
            ),
            (
                "rules:\n  - id: x.eight\n    category: discrimination\n    message: Hoi\n    patterns: [\"@group\"]\n    requiresFinding: [discrimination]\n",
                "broken.yaml:6", "rule 'x.eight'", "cannot wait for its own findings"
            ),
            (
                "rules:\n  - id: x.nine\n    category: discrimination\n    message: Hoi\n    patterns: [\"@group\"]\n    requiresFinding: [threats]\n",
                "broken.yaml:6", "rule 'x.nine'", "'threats' is not one of"
            ),
            (
                "rules:\n  - id: x.ten\n    category: abuse\n    message: Hoi\n    terms: [kut]\n    requiresFinding: [threat]\n",
                "broken.yaml:6", "rule 'x.ten'", "'requiresFinding' only goes with 'patterns'"
            ),
            ("rules:\n  - id: x\n   category: [\n", "broken.yaml:", "", "not valid YAML"),
        ])
    func brokenRules(yaml: String, place: String, rule: String, message: String) throws {
        let folder = try pack(rules: yaml)
        do {
            _ = try RulePackLoader.load(directory: folder)
            Issue.record("expected an error")
        } catch let error as RulePackError {
            let text = error.description
            #expect(text.contains(place), "\(text)")
            #expect(rule.isEmpty || text.contains(rule), "\(text)")
            #expect(text.contains(message), "\(text)")
        }
    }

    @Test("two rules with one id are refused")
    func duplicateIDs() throws {
        let rule = "  - id: x.dup\n    category: abuse\n    message: Hoi\n    terms: [kut]\n    examples: {fire: [kut], pass: [hoi]}\n"
        let folder = try pack(rules: "rules:\n" + rule + rule)
        #expect(throws: RulePackError.self) { try RulePackLoader.load(directory: folder) }
    }

    @Test("a missing folder or pack.yaml is a clear error")
    func missingPack() throws {
        #expect(throws: RulePackError.self) { try RulePackLoader.load(directory: "/nonexistent/rules") }
        let empty = try temporaryFolder([:])
        do {
            _ = try RulePackLoader.load(directory: empty)
        } catch {
            #expect(String(describing: error).contains("no pack.yaml"))
        }
    }

    @Test(
        "overrides naming an unknown rule or a bad value are refused with file and line",
        arguments: [
            ("rules:\n  konot.nope: { severity: warn }\n", "school.yaml:2", "no rule with this id"),
            ("rules:\n  konot.abuse.swearing: { severity: loud }\n", "school.yaml:2", "'loud' is not one of"),
            ("rules:\n  konot.frequency.week: { addTerms: [x] }\n", "school.yaml:2", "only applies to word-list rules"),
            ("rules:\n  konot.abuse.swearing: { removeTerms: [nietinlijst] }\n", "school.yaml:2", "not in the rule's list"),
            ("policy:\n  maxPostsPerWeek: 0\n", "school.yaml:2", "at least 1"),
            (
                "policy:\n  hours: { work: { start: '9', end: '17:00' } }\n", "school.yaml:2",
                "field 'policy.hours': work: times are written HH:MM"
            ),
            ("colour: red\n", "school.yaml:1", "unknown field 'colour'"),
        ])
    func badOverrides(yaml: String, place: String, message: String) throws {
        let folder = try temporaryFolder(["school.yaml": yaml])
        do {
            _ = try Overrides.apply(file: folder + "/school.yaml", to: Fixtures.pack)
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error).contains(place), "\(error)")
            #expect(String(describing: error).contains(message), "\(error)")
        }
    }

    @Test("overrides change severities, words and hours without touching the pack")
    func overrides() throws {
        let yaml = """
            categories:
              commercial: { severity: block }
            rules:
              konot.abuse.insults: { addTerms: [snertjoch], removeTerms: [oen] }
              konot.political-religious.politics: { enabled: false }
            policy:
              maxPostsPerWeek: 1
              hours: { workdays: [mon, tue, wed, thu, fri], work: { start: "08:00", end: "17:00" } }
            """
        let folder = try temporaryFolder(["school.yaml": yaml])
        let pack = try Overrides.apply(file: folder + "/school.yaml", to: Fixtures.pack)
        let engine = Engine(pack: pack)
        let context = engine.prepare(pack.exampleContext)
        func fired(_ text: String, at time: String = "2026-11-24T15:10:00+01:00") -> Set<String> {
            Set(
                engine.evaluate(Fixtures.post(text, postedAt: time), context: context).findings.map { "\($0.rule):\($0.severity.rawValue)" }
            )
        }
        #expect(fired("Wat een snertjoch.").contains("konot.abuse.insults:block"))
        #expect(!fired("Wat een oen.").contains("konot.abuse.insults:block"))
        #expect(fired("Te koop: fiets").contains("konot.commercial.selling:block"))
        #expect(!fired("Stem op de PVV").contains { $0.hasPrefix("konot.political-religious.politics") })
        #expect(fired("Hallo", at: "2026-11-24T17:30:00+01:00").contains("konot.working-hours.teacher:warn"))
        #expect(fired("Hallo").contains("konot.frequency.week:warn"))
        // The base pack is unchanged.
        #expect(Fixtures.pack.rule("konot.commercial.selling")?.severity == .review)
    }

    @Test(
        "hostile text never crashes the engine",
        arguments: [
            String(repeating: "k u t ", count: 2000), String(repeating: "\u{200B}", count: 5000), String(repeating: "0", count: 10000),
            String(repeating: "@", count: 3000), "\u{0}\u{1}\u{FFFD}\u{10FFFF}", String(repeating: "é\u{0301}\u{0301}", count: 1000),
            String(repeating: "06-", count: 3000), String(repeating: "nl91 ", count: 2000), String(repeating: "1234 AB ", count: 1000),
        ])
    func hostile(text: String) {
        let report = Fixtures.report(text)
        #expect(
            report.findings.allSatisfy { $0.spans.allSatisfy { $0.start >= 0 && $0.end <= text.unicodeScalars.count && $0.start < $0.end } }
        )
    }
}
