import Testing

@testable import PolicyEngine

@Suite("Term automaton")
struct MatchingTests {
    private func matches(_ terms: [String], in text: String) -> [(String, String)] {
        let patterns = terms.compactMap(TermPattern.init)
        let automaton = TermAutomaton(patterns: patterns)
        let analyzed = AnalyzedText(text)
        return automaton.matches(in: analyzed.tokens).map { match in
            let span = Span(
                start: analyzed.tokens[match.tokens.lowerBound].span.start, end: analyzed.tokens[match.tokens.upperBound - 1].span.end)
            return (patterns[match.pattern].source, analyzed.originalText(span))
        }
    }

    @Test("whole words only: no substring matches")
    func wholeWords() {
        #expect(matches(["tering"], in: "de vertering").isEmpty)
        #expect(matches(["mes"], in: "koolmezen en messen").isEmpty)
        #expect(matches(["mes"], in: "een mes").map(\.1) == ["mes"])
    }

    @Test("a trailing * matches words that start with the term")
    func prefixes() {
        #expect(matches(["kanker*"], in: "kankerlijer en kanker").map(\.1) == ["kankerlijer", "kanker"])
        #expect(matches(["kanker"], in: "kankerlijer").isEmpty)
    }

    @Test("phrases match across words, punctuation and disguises")
    func phrases() {
        #expect(matches(["ik maak je af"], in: "Ik, maak je AF!").map(\.1) == ["Ik, maak je AF"])
        #expect(matches(["ik maak je af"], in: "ik m44k je af").count == 1)
        #expect(matches(["ik maak je af"], in: "ik maak het af").isEmpty)
    }

    @Test("overlapping phrases and words are all reported")
    func overlapping() {
        let found = matches(["uw zoon", "zoon", "uw zoon heeft"], in: "uw zoon heeft")
        #expect(Set(found.map(\.0)) == ["uw zoon", "zoon", "uw zoon heeft"])
    }

    @Test("double-letter terms keep their doubles; single-letter terms collapse runs")
    func doubles() {
        #expect(matches(["vvd"], in: "v.d. Berg").isEmpty)
        #expect(matches(["vvd"], in: "stem VVVD").count == 1)
        #expect(matches(["klootzak"], in: "kloooootzak").count == 1)
        #expect(matches(["kut"], in: "kuuuut").count == 1)
    }

    @Test("a list ten times larger finds exactly the same matches")
    func largerLists() {
        let text = "Wat een k4nker dag, ik maak je af, kortingscode in mijn webshop"
        var generator = SeededWords(seed: 7)
        let base = ["kanker*", "ik maak je af", "kortingscode", "webshop"]
        let big = base + (0..<4000).map { _ in generator.word() }
        #expect(matches(base, in: text).map(\.1) == matches(big, in: text).map(\.1))
    }
}

struct SeededWords {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func word() -> String {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var value = state >> 20
        var letters = ""
        for _ in 0..<8 {
            letters.append(Character(Unicode.Scalar(UInt8(97 + value % 26))))
            value /= 26
        }
        return "zz" + letters
    }
}
