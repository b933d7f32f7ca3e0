import Testing

@testable import PolicyEngine

@Suite("Spelling suggestions and misspelt lexicon words")
struct SpellingTests {
    /// The spelling findings' messages for a teacher's post.
    private func spellingMessages(_ text: String) -> [String] {
        Fixtures.report(text).findings.filter { $0.category == .spelling }.map(\.message)
    }

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

    @Test("a participle that lost its d or t after an auxiliary is found; adjectives and nouns after 'is' are not")
    func participleWithoutEnding() throws {
        _ = try #require(checker)
        #expect(spellingMessages("De ouderavond is verplaats naar donderdag.").contains { $0.contains("verplaatst") })
        #expect(spellingMessages("Het rooster wordt verstuur per mail.").contains { $0.contains("verstuurd") })
        #expect(spellingMessages("De administratie is bereikbaar via de school.").isEmpty)
        #expect(spellingMessages("De stand is gelijk.").isEmpty)
        #expect(spellingMessages("Er is bezoek in de klas.").isEmpty)
        #expect(spellingMessages("Zijn geloof is sterk.").isEmpty)
    }

    @Test("er/hier + preposition and a separable particle written apart from their word; noun phrases and 'op weg' are not")
    func wordsWrittenApart() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Wilt u hier aan denken?").contains { $0.contains("hieraan") })
        #expect(spellingMessages("Wij zijn ons er van bewust dat niet iedereen blij is.").contains { $0.contains("ervan") })
        #expect(spellingMessages("Wij hebben hier over gesproken met de MR.").contains { $0.contains("hierover") })
        #expect(spellingMessages("Wilt u uw kind een lunch mee geven?").contains { $0.contains("meegeven") })
        #expect(spellingMessages("Kunt u de boeken terug brengen?").contains { $0.contains("terugbrengen") })
        // A preposition with its noun phrase, a particle before a preposition or after one.
        #expect(spellingMessages("Wie staat er op de foto?").isEmpty)
        #expect(spellingMessages("Hier in de klas hangen de tekeningen.").isEmpty)
        #expect(spellingMessages("Er zijn er in totaal twintig.").isEmpty)
        #expect(spellingMessages("We gaan mee naar het museum.").isEmpty)
        #expect(spellingMessages("Wilt u hem een beetje op weg helpen?").isEmpty)
        // A particle before a modal verb, and er after a verb whose own particle follows.
        #expect(spellingMessages("Kinderen die niet mee willen, blijven op school.").isEmpty)
        #expect(spellingMessages("Wie helpt er mee? We zoeken nog twee ouders.").isEmpty)
        #expect(spellingMessages("Wat doen we er mee? Dat weten we nog niet.").contains { $0.contains("ermee") })
    }

    @Test("after te comes the infinitive: a past tense there is a slip, an infinitive ending in -ten is not")
    func infinitiveAfterTe() throws {
        _ = try #require(checker)
        #expect(
            spellingMessages("De MR heeft besloten de vergadering te verplaatsten naar donderdag.").contains {
                $0.contains("te verplaatsen")
            })
        #expect(spellingMessages("Het is tijd om te starten met de les.").isEmpty)
        #expect(spellingMessages("Wij hopen u te ontmoeten op de ouderavond.").isEmpty)
        #expect(spellingMessages("Er is genoeg geld om te besteden.").isEmpty)
    }

    @Test("a compound OpenTaal lists, written apart in a noun phrase, is flagged; verbs and adverbs after a noun are not")
    func listedCompoundWrittenApart() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Zet de fiets in de fietsen stalling, niet tegen het hek.").contains { $0.contains("fietsenstalling") })
        #expect(spellingMessages("Alle foto's staan in de foto map in de app.").contains { $0.contains("fotomap") })
        #expect(spellingMessages("In de nieuwe speel toestellen mag geklommen worden.").contains { $0.contains("speeltoestellen") })
        #expect(spellingMessages("Alle kinderen stonden binnen drie minuten buiten. Goed gedaan!").isEmpty)
        #expect(spellingMessages("Wij wensen iedereen die het feest viert een fijne dag.").isEmpty)
        #expect(spellingMessages("Deze week staat het thema lente centraal.").isEmpty)
    }

    @Test("an abbreviation takes a hyphen before its noun, not before a verb")
    func abbreviationCompound() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Donderdag is de volgende MR vergadering in de aula.").contains { $0.contains("MR-vergadering") })
        #expect(spellingMessages("Vorige week ontving de MR een brief van het bestuur. De MR stemt in met het plan.").isEmpty)
        #expect(spellingMessages("Namens de MR bedank ik iedereen voor het invullen van de vragenlijst.").isEmpty)
    }

    @Test("quoted words are someone else's: a quotation is not checked, the prose around it is")
    func quotationsLeftAlone() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Bij Engels leerden we vandaag 'I'm dying to know' en \"killing time\".").isEmpty)
        #expect(
            spellingMessages("Bij Engels leerden we 'killing time', de kinderen vonden het leuk en begrepen het goed, dat is gewledig.")
                .contains { $0.contains("gewledig") })
    }

    @Test("'word' as the auxiliary of a passive wants its t, except with ik or before je")
    func passiveWord() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Ook pindakaas op brood word liever niet gezien.").contains { $0.contains("wordt") })
        #expect(spellingMessages("Ik word graag gebeld.").isEmpty)
        #expect(spellingMessages("Morgen word ik opgehaald door mijn vader.").isEmpty)
        #expect(spellingMessages("Word je ook gebeld?").isEmpty)
    }

    @Test("a verb before 'we' is plural: 'start we' wants 'starten we'; a conjunction or adverb before 'we' is no verb")
    func pluralBeforeWe() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Na de vakantie start we met een nieuw thema.").contains { $0.contains("starten") })
        #expect(spellingMessages("Morgen ga we naar de kinderboerderij.").contains { $0.contains("gaan") })
        #expect(spellingMessages("Vandaag heb we hard gewerkt.").contains { $0.contains("hebben") })
        #expect(spellingMessages("Toen we thuis kwamen, was het donker.").isEmpty)
        #expect(spellingMessages("Morgen gaan we naar het museum.").isEmpty)
    }

    @Test("a school compound written as two words is misspelt; an order or two loose words are not")
    func splitCompound() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Morgen is er knutsel les in het speellokaal.").contains { $0.contains("knutselles") })
        #expect(spellingMessages("Vergeet je gym tas niet.").contains { $0.contains("gymtas") })
        #expect(spellingMessages("Lees boek 3 uit voor vrijdag.").isEmpty)
        #expect(spellingMessages("Na school gaan we naar huis.").isEmpty)
    }

    @Test("a word that splits into dictionary words but is a listed word with one slip is misspelt")
    func slipIsNoCompound() throws {
        let checker = try #require(checker)
        #expect(!checker.isCorrect("kinderboederij"))
        #expect(checker.isCorrect("kinderboerderij"))
        #expect(checker.isCorrect("gymdagen"))
        #expect(checker.isCorrect("huiswerkmap"))
        // gesp + eelt, zonnen + schijn: first of all gespeeld and zonneschijn.
        #expect(!checker.isCorrect("gespeelt"))
        #expect(!checker.isCorrect("zonnenschijn"))
        // One letter more in the ending is an inflection, not a slip.
        #expect(checker.isCorrect("meefietsten"))
        // A last part swapped for another word is the writer's choice: kinder + mesjes (the old plural
        // in -er links), not kindermeisjes; a short first part does not count (her + stelen).
        #expect(checker.isCorrect("kindermesjes"))
        // Three or four letters with a partner of four: eet + tijd, ruil + rek; wee + kent stays a slip of weekend.
        #expect(checker.isCorrect("eettijd"))
        #expect(checker.isCorrect("ruilrek"))
        #expect(!checker.isCorrect("weekent"))
        #expect(!checker.isCorrect("herstelen"))
    }

    @Test("a subordinate clause after 'waarom' has its own verb: the auxiliary before it does not make a participle")
    func clauseAfterWaarom() throws {
        _ = try #require(checker)
        #expect(spellingMessages("We hebben besproken waarom taal verandert en welke woorden we nu gebruiken.").isEmpty)
        #expect(spellingMessages("Ik heb de brief gisteren verstuurt.").contains { $0.contains("verstuurd") })
    }

    @Test("present and participle that differ in their d/t only: the auxiliary or the subject tells which is meant")
    func participleOrPresent() throws {
        _ = try #require(checker)
        #expect(spellingMessages("Ik heb de brief gisteren verstuurt naar alle ouders.").contains { $0.contains("verstuurd") })
        #expect(spellingMessages("Wat is er gisteren gebeurt op het plein?").contains { $0.contains("gebeurd") })
        #expect(spellingMessages("Wij zijn vorige week verhuist naar de nieuwe vleugel.").contains { $0.contains("verhuisd") })
        #expect(spellingMessages("Het gebeurd wel vaker dat kinderen hun jas vergeten.").contains { $0.contains("gebeurt") })
        // Right as written: the present with its subject, the participle with its auxiliary.
        #expect(spellingMessages("Zijn vader bezorgt morgen de taart.").isEmpty)
        #expect(spellingMessages("Omdat het gebeurd is, praten we erover in de kring.").isEmpty)
        #expect(spellingMessages("Ik heb beloofd dat ik de brief verstuur.").isEmpty)
        #expect(spellingMessages("De ouderavond wordt verplaatst naar donderdag.").isEmpty)
        // A new clause after the auxiliary has its own verb.
        #expect(spellingMessages("Ik heb gehoord dat hij de brief morgen verstuurt.").isEmpty)
    }

    @Test("real-word errors that the words around them give away")
    func confusedWords() {
        let rules = { (text: String) in Fixtures.rules(firing: text) }
        #expect(rules("De kinderen hebben heel hart gewerkt.").contains("konot.spelling.confused-word"))
        #expect(!rules("Bij biologie bekeken we hoe het hart werkt.").contains("konot.spelling.confused-word"))
        #expect(rules("Als uw kind het moeilijk vind om te lezen, oefen dan samen.").contains("konot.spelling.verb-ending-subclause"))
        #expect(!rules("Als uw kind ziek is, vind ik het fijn als u belt.").contains("konot.spelling.verb-ending-subclause"))
    }

    @Test("a capitalised word inside a sentence is a name: a misspelt group word at most, never another class")
    func capitalisedNames() {
        // "Geeren" (a part of Breda) is one letter from "geweren" (weapons).
        #expect(
            !Fixtures.rules(firing: "De arme sloebers uit de Geeren mogen naar een andere school.").contains {
                $0.hasPrefix("konot.threat")
            })
        #expect(Fixtures.report("Die Marrokanen horen hier niet.").findings.contains { $0.category == .discrimination })
    }
}
