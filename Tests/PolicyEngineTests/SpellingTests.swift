import Testing

@testable import PolicyEngine

@Suite("Spelling suggestions and misspelt lexicon words")
struct SpellingTests {
    private let checker = SpellChecker.shared

    @Test("suggestions come from OpenTaal's word list: a dropped, doubled or swapped letter, and the REP table")
    func suggestions() throws {
        let checker = try #require(checker)
        #expect(checker.suggestions("morgn").first == "morgen")
        #expect(checker.suggestions("gymm").first == "gym")
        #expect(checker.suggestions("buitenlanderz").contains("buitenlanders"))
        #expect(checker.suggestions("belangrjik").first == "belangrijk")
        // The replacement table of nl.aff: "ei" written for "ij".
        #expect(checker.suggestions("wei").contains("wij"))
        // A sentence's first word keeps its capital.
        #expect(checker.suggestions("Morgn").first == "Morgen")
        // Nothing close: no guess.
        #expect(checker.suggestions("qwhkrtzplm").isEmpty)
    }

    @Test("without the word list, Hunspell's own suggest answers (slowly); stems still come from Hunspell")
    func hunspellFallback() throws {
        let checker = SpellChecker(affix: "/usr/share/hunspell/nl.aff", dictionary: "/usr/share/hunspell/nl.dic", wordList: { nil })
        let hunspell = try #require(checker)
        #expect(hunspell.suggestions("kankr").contains("kanker"))
        #expect(hunspell.stems("buitenlanders").contains("buitenlander"))
    }

    @Test("the replacement table's anchors: ^ only at the start, $ only at the end")
    func replacementAnchors() throws {
        let end = try #require(SpellChecker.Replacement(line: "REP os$ o's\t# autos=>auto's"))
        var made: [String] = []
        end.apply(to: "autos") { made.append($0) }
        end.apply(to: "osmose") { made.append($0) }
        #expect(made == ["auto's"])
        #expect(SpellChecker.Replacement(line: "REP ^een een_") == nil)
        #expect(SpellChecker.Replacement(line: "REP 885") == nil)
    }

    @Test("a lexicon word with one slip still counts; a Dutch word one slip from it does not")
    func misspeltLexiconWords() {
        let report = Fixtures.report("Turkn horen hier niet thuis.")
        #expect(report.findings.contains { $0.category == .discrimination })
        // "Turken" itself and the ordinary word "turen" (to gaze) are not misspellings of anything.
        let clean = Fixtures.report("De kinderen turen naar de lucht.")
        #expect(!clean.findings.contains { $0.category == .discrimination })
    }
}
