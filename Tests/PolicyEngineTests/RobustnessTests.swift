import Testing

@testable import PolicyEngine

@Suite("Robustness on random hostile text")
struct RobustnessTests {
    private static let alphabet: [String] = [
        "k", "u", "t", "a", "n", "e", "r", "Z", "o", "ë", "R", "s", " ", " ", " ", ".", "-", "@", "+", "(", ")", "\n",
        "0", "1", "3", "4", "6", "9", "\u{0301}", "\u{0308}", "\u{200B}", "\u{200D}", "\u{FEFF}", "👍🏽", "👨‍👩‍👧", "а", "е",
        "ｋ", "Ⓚ", "ß", "ĳ", "İ", "\u{0}", "\t", "€", "nl", "NL91", "06", "geboren", "Zoë", "kanker", "uw zoon",
    ]

    @Test("a thousand random posts: no crash, spans inside the text, verdict equals the worst finding")
    func randomPosts() {
        var state: UInt64 = 0x5EED
        for _ in 0..<1000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58) + 1
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += Self.alphabet[Int(state >> 33) % Self.alphabet.count]
            }
            let report = Fixtures.report(text)
            let count = text.unicodeScalars.count
            for finding in report.findings {
                for span in finding.spans {
                    #expect(
                        span.start >= 0 && span.start < span.end && span.end <= count, "\(finding.rule) \(span) in \(text.debugDescription)"
                    )
                }
            }
            #expect(report.verdict == (report.findings.map(\.severity).max() ?? .allow))
        }
    }
}
