import Foundation
import Testing

@testable import PolicyEngine

@Suite("The fast report writer matches JSONEncoder")
struct ReportJSONTests {
    private func encoded(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test("byte for byte on every golden report")
    func golden() throws {
        let folder = repositoryRoot.appendingPathComponent("examples/expected")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 8)
        for file in files {
            let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(String(decoding: ReportJSON.bytes(report), as: UTF8.self) == (try encoded(report)), "\(file)")
        }
    }

    @Test("escapes, optional fields and skipped rules")
    func escapes() throws {
        let finding = Finding(
            rule: "r", category: .threat, severity: .block, message: "quote \" backslash \\ slash / tab\tnewline\n\u{1}\u{1F}",
            agreement: "é 🙂",
            fix: nil, spans: [Span(start: 1, end: 3), Span(start: 5, end: 8)], excerpt: "\r\u{8}\u{C}", escalate: true)
        let reports = [
            Report(id: nil, findings: []),
            Report(id: "a\"b", findings: [finding], skipped: [SkippedRule(rule: "x", reason: "no \"roster\"")]),
        ]
        for report in reports {
            let fast = ReportJSON.bytes(report)
            #expect(try JSONDecoder().decode(Report.self, from: Data(fast)) == report)
            #expect(String(decoding: fast, as: UTF8.self) == (try encoded(report)))
        }
    }
}

@Suite("UTC timestamps without a formatter")
struct TimestampTests {
    @Test("matches ISO8601Format and reads back", arguments: [0, 951_782_400, 1_795_000_000, 1_798_675_199, 4_102_444_800, -86_401])
    func roundTrip(seconds: Int64) {
        let text = LocalTime.iso8601UTC(epochSeconds: seconds)
        #expect(text == Date(timeIntervalSince1970: TimeInterval(seconds)).ISO8601Format())
        #expect(LocalTime.parseISO8601(text) == seconds)
    }
}
