import Testing

@testable import PolicyEngine

@Suite("Split entries, group insults, negation and reported speech")
struct SentenceGuardTests {
    private func patterns(_ text: String) -> Set<String> {
        Set(Fixtures.engine.evaluate(Fixtures.post(text), context: Fixtures.school, mergeRepeats: false).findings.compactMap(\.pattern))
    }

    private func categories(_ text: String) -> Set<Category> {
        Set(Fixtures.report(text).findings.map(\.category))
    }

    @Test("a group spoken of from inside (wij Turken, als Turkse moeder ben ik) is no hate; the same words about others are")
    func ownGroup() {
        #expect(
            !categories("Als Turkse moeder ben ik natuurlijk degene die veel te veel eten meeneemt naar de klassenlunch.").contains(
                .discrimination))
        #expect(!categories("Wij Turken nemen altijd veel te veel eten mee naar de ouderavond 😂").contains(.discrimination))
        #expect(categories("Die Turken nemen altijd veel te veel eten mee en laten de rommel liggen.").contains(.discrimination))
        // A group word at the very end after "als" is looked past safely.
        #expect(!categories("Ik ken haar als Turkse").contains(.threat))
    }

    private func parentCategories(_ text: String) -> Set<Category> {
        let post = Fixtures.post(text, kind: .comment, author: .init(id: "o-001", role: .parent))
        return Set(Fixtures.engine.evaluate(post, context: Fixtures.school).findings.map(\.category))
    }

    @Test("a child pointed at with dat/die and up to two adjectives is one pupil described; the writer's own child is not")
    func childPointedAt() {
        #expect(parentCategories("Dat mollige jongetje uit 5b heeft mijn zoon gebeten.").contains(.negativeAboutPupil))
        #expect(parentCategories("Die brutale kleine meid heeft mijn dochter geduwd.").contains(.negativeAboutPupil))
        #expect(
            parentCategories(
                "Wie is dat mollige jongetje dat bij elke traktatie alle koekjes pakt? Kunnen zijn ouders hem eens wat manieren leren?"
            )
            .contains(.individualChild))
        // Three words between the pointer and the child, or a capitalised word, is no description.
        #expect(!parentCategories("Dat de school de hele week dicht was, heeft mijn zoon gemist.").contains(.negativeAboutPupil))
        #expect(
            !parentCategories("Ik vind dat jongens en meisjes samen moeten gymmen, ook als er eens geduwd wordt.").contains(
                .individualChild))
    }

    @Test("parents' comments get the d/t patterns, not the dictionary check; orders and 'ik word' keep their bare stem")
    func parentVerbEndings() {
        #expect(parentCategories("Word de gymles morgen verzet? Niemand weet het.").contains(.spelling))
        #expect(parentCategories("Hij vind het niet leuk dat de juf zo streng is.").contains(.spelling))
        #expect(parentCategories("Die vader weet alles beter, hij denk dat hij de baas is.").contains(.spelling))
        #expect(parentCategories("Ik heb de juf gisteren gebelt maar ze nam niet op.").contains(.spelling))
        #expect(!parentCategories("Als hij mijn dochter nog eens uitlacht, dan krijgt hij met mij te maken.").contains(.spelling))
        #expect(!parentCategories("Hij kwam gisteren te laat, en zij kan morgen niet.").contains(.spelling))
        for innocent in [
            "Steun de ouderraad en word lid!", "Ziet u iets vreemds, meld dat dan bij de conciërge.",
            "Die wespen bij de picknicktafels, ik word er gek van.", "Dat vind ik echt niet oké.",
            // Slang and disguised words are no spelling mistakes in a parent's comment.
            "Ff een vraagje: is de gymles idd verzet?",
        ] {
            #expect(!parentCategories(innocent).contains(.spelling), "\(innocent)")
        }
    }

    @Test("something given away is no sale; a price against a higher one or a starting price is")
    func giveAwayAndPrices() {
        #expect(
            !parentCategories("Gratis op te halen: een box en een kinderstoel. Interesse? Stuur me een berichtje.").contains(.commercial))
        #expect(parentCategories("Ik heb nog twee kaartjes voor de Efteling, €30 per stuk in plaats van €48.").contains(.commercial))
        #expect(parentCategories("Ik maak oorbellen van klei, al vanaf €8. Stuur me gerust een berichtje!").contains(.commercial))
    }

    @Test("a pattern's gap skips a relative clause closed by a comma")
    func relativeClauseGap() {
        #expect(
            categories("Ik hoop dat die buurman die altijd voor het hek parkeert, een keer flink in elkaar wordt geslagen.").contains(
                .threat))
        #expect(!categories("De moeder die de taart bakte, wordt binnenkort flink bedankt.").contains(.threat))
    }

    @Test("a split entry is its two parts a few words apart in one sentence, in either person's word order")
    func splitEntries() throws {
        let sides = try #require(SplitEntries.sides("steek|steekt|stak ... neer|dood"))
        #expect(sides.first.map(\.source) == ["steek", "steekt", "stak"])
        #expect(sides.second.map(\.source) == ["neer", "dood"])
        #expect(SplitEntries.sides("steek ... ") == nil)
        #expect(SplitEntries.sides("a ... b ... c") == nil)
        #expect(categories("Morgen steek ik de directeur neer bij de ingang.").contains(.threat))
        #expect(categories("Als ik hem zie, sla ik hem helemaal verrot.").contains(.threat))
        // The particle too far off, or in the next sentence, is another clause.
        #expect(!categories("Ik steek de kaars aan bij de kerststal voor de kinderen van groep vijf. Neer met de regen!").contains(.threat))
        #expect(!categories("Morgen steken we de kaarsjes aan bij de kerststal.").contains(.threat))
    }

    @Test("a separable verb whose particle ends the clause is no violence: the pack's split exceptions")
    func separableParticles() throws {
        let sides = try #require(SplitEntries.sides("sla|slaat ... over|om$"))
        #expect(sides.atClauseEnd && sides.second.map(\.source) == ["over", "om"])
        for innocent in [
            "Ik sla die vergaderingen voortaan over, ze duren veel te lang.",
            "Hij slaat de bladzijde om en leest verder.",
            "Steek je vinger op als je het antwoord weet.",
            "Schiet op, de bus vertrekt om acht uur!",
            "De juf schiet tekort bij het uitleggen, vind ik.",
        ] {
            #expect(!categories(innocent).contains(.threat), "\(innocent)")
        }
        // The particle does not end the clause, or the verb is in another clause: still a threat.
        for threat in [
            "Ik sla hem om de oren als hij mijn zoon nog eens pest.",
            "Als de juf zo doorgaat, sla ik haar zelf de gang op.",
            "Aan de vader van de jongen die mijn dochter slaat: ik wacht je morgen op bij het hek.",
            "Ik duw die vader met zijn rolstoel de trap af als hij nog één keer klaagt.",
        ] {
            #expect(categories(threat).contains(.threat), "\(threat)")
        }
    }

    @Test("words judged as prejudice after they are said are quoted to reject them; a denial of prejudice is not")
    func statementRejected() {
        #expect(!categories("Die reactie dat Turken terug moeten naar hun land is discriminatie.").contains(.discrimination))
        #expect(!categories("Antillianen worden in het nieuws veel te vaak als criminelen weggezet.").contains(.discrimination))
        #expect(categories("Turken moeten terug naar hun land, dat is geen discriminatie maar de waarheid.").contains(.discrimination))
    }

    @Test("a negation inside a hostile phrase excludes, it does not deny; a negated subject after dat denies")
    func negationScope() {
        #expect(categories("Aziaten horen hier niet, deporteer ze allemaal.").contains(.threat))
        #expect(!categories("Moslims zijn niet gevaarlijk.").contains(.discrimination))
        #expect(!categories("Ik hoop dat niemand tijdens de schoolreis ziek wordt.").contains(.threat))
        #expect(categories("Ik hoop dat die juf tijdens de schoolreis ziek wordt.").contains(.threat))
    }

    @Test("a loader error names a split exception that has not two parts")
    func splitExceptionError() throws {
        let root = try YAMLValue.parse("[\"sla ... over ... om$\"]\n", file: "pack.yaml")
        #expect(throws: RulePackError.self) { try RulePackLoader.exceptions(root) }
    }

    @Test("a loader error names a split entry that has not two parts")
    func splitEntryError() throws {
        let root = try YAMLValue.parse(
            "lexicon:\n  class: test\n  purpose: p\n  notFor: n\n  entries: [\"steek ... neer ... dood\"]\n", file: "lexicon-test.yaml")
        #expect(throws: RulePackError.self) { try RulePackLoader.lexicon(root) }
    }

    @Test("a swear word written before a group is a slur on its own; before a woman it is an insult")
    func groupInsults() {
        let references = Fixtures.engine.groupReferences
        #expect(references.isInsultingCompound("kutmarokkanen"))
        #expect(references.isInsultingCompound("tyfusjoden"))
        #expect(references.isInsultingCompound("klotemoslims"))
        #expect(!references.isInsultingCompound("kutwijven"))
        #expect(!references.isInsultingCompound("kutschool"))
        #expect(patterns("Die kankerturken verpesten het hier.").contains("group-insult"))
        #expect(!categories("Die kutwijven bij het hek moeten eens ophouden met roddelen.").contains(.discrimination))
    }

    @Test("a negation closing the clause turns the statement around; one inside the predicate does not")
    func negationAfter() {
        #expect(!categories("Ik haat Surinamers niet, waarom zou ik?").contains(.discrimination))
        #expect(categories("Ik haat Surinamers, niet normaal meer.").contains(.discrimination))
        #expect(categories("Transgenders zijn geen echte mensen.").contains(.discrimination))
        #expect(categories("Joden kun je nooit vertrouwen.").contains(.discrimination))
    }

    @Test("a negation phrase closing the clause turns the statement around too")
    func negationPhraseAfter() {
        #expect(!categories("Ik haat Marokkanen helemaal niet, waarom zou ik?").contains(.discrimination))
        #expect(categories("Ik haat Marokkanen helemaal.").contains(.discrimination))
    }

    @Test("words written together are read as the sentence they hide; an ordinary compound stays whole")
    func runTogetherWords() throws {
        let words = try #require(Fixtures.engine.runTogether)
        #expect(words.pieces(of: "ikhaatmoslims") == [0..<2, 2..<6, 6..<13])
        #expect(words.pieces(of: "gehandicaptenzijneenlast") == [0..<13, 13..<17, 17..<20, 20..<24])
        // No function word: a compound, not a sentence.
        #expect(words.pieces(of: "vrouwenhaatcampagne").isEmpty)
        #expect(words.pieces(of: "jodenvervolging").isEmpty)
        // Dutch as written.
        #expect(words.pieces(of: "alsjeblieft").isEmpty)
        // Prepositions and a few everyday words may be pieces; a function word and a list word must still be there.
        #expect(words.pieces(of: "ikmaakdiemoskeeopdehoekkapot").count == 8)
        #expect(categories("Wachten bij ophethekbijdeschool.").isDisjoint(with: [.threat, .discrimination, .abuse]))
        #expect(categories("ikmaakdiemoskeeopdehoekkapot").contains(.threat))
        #expect(categories("Vluchtelingenzijnongedierte").contains(.discrimination))
        #expect(categories("Alle vrouwenzijndom.").contains(.discrimination))
        #expect(patterns("Ikhaatmoslims.").contains("hatred-of-group"))
        #expect(!categories("Wij zijn trots op onze campagne tegen vrouwenhaat.").contains(.discrimination))
        // The finding underlines the written word.
        let report = Fixtures.report("Echt, ikhaatmoslims.")
        let finding = try #require(report.findings.first { $0.category == .discrimination })
        #expect(!finding.spans.isEmpty)
        #expect(finding.spans.allSatisfy { $0.start >= 6 && $0.end <= 19 && $0.start < $0.end })
    }

    @Test("a word split by a space is joined when a part is no word; two ordinary words stay apart")
    func splitWords() {
        #expect(categories("Jo den zijn niet te vertrouwen.").contains(.discrimination))
        #expect(categories("Zwar te mensen zijn minderwaardig.").contains(.discrimination))
        #expect(categories("Wat een kan ker weer.").contains(.abuse))
        #expect(!categories("Oefen de woorden met -heid en -lijk.").contains(.politicalReligious))
        #expect(categories("Asiel zoekers zijn para sieten.").contains(.discrimination))
        // A function word stays apart from its neighbour, and so does a long word before "en".
        #expect(!categories("Het gezin van Ayoub is uitgeprocedeerd en verhuist.").contains(.discrimination))
    }

    @Test("a four-letter word is a five-letter lexicon word with a letter dropped, if it is no Dutch word")
    func droppedLetter() {
        #expect(categories("Jden zijn niet te vertrouwen.").contains(.discrimination))
        #expect(categories("Hmo's zijn vies.").contains(.discrimination))
    }

    @Test("a verb of saying right after the words makes them reported speech")
    func reportedSpeech() {
        #expect(!categories("Wie Roma dieven noemt, discrimineert een hele bevolkingsgroep.").contains(.discrimination))
        #expect(categories("Roma zijn dieven, dat weet iedereen.").contains(.discrimination))
    }

    @Test("'dat' and 'het' take up the group only before a plural verb")
    func neuterPronouns() {
        #expect(categories("Er zitten twee transgenders in die klas. Het zijn gestoorde figuren.").contains(.discrimination))
        #expect(
            !categories("Iemand schreef in de app dat homo's ziek zijn. Dat is walgelijk en ik heb het gemeld.").contains(.discrimination))
    }

    @Test("a pattern finding that repeats a word-list finding of its category is merged into it")
    func mergedRepeats() {
        let report = Fixtures.report("Jij bent een k u t wijf.")
        #expect(report.findings.filter { $0.category == .abuse }.allSatisfy { $0.pattern == nil })
        let all = Fixtures.engine.evaluate(Fixtures.post("Jij bent een k u t wijf."), context: Fixtures.school, mergeRepeats: false)
        #expect(all.findings.contains { $0.pattern != nil })
    }

    @Test("a negation in a condition before the comma, or in 'weet niet hoe', does not reach the statement")
    func negationOutOfReach() {
        let parent = Post.Author(id: "o-001", role: .parent)
        let threat = { (text: String) in
            Fixtures.engine.evaluate(Fixtures.post(text, kind: .comment, group: "school", author: parent), context: Fixtures.school)
                .findings.contains { $0.category == .threat }
        }
        #expect(threat("Als de schoolreis niet doorgaat, zullen de leraren het voelen."))
        #expect(threat("Die moeder van Fatima kan beter zelf ophalen, want ik weet niet hoe lang ik me nog inhoud."))
        // In a list the negation still reaches on, and a plain denial still denies.
        #expect(!categories("In onze klas slaan we nooit, schoppen we nooit en lachen we niemand uit.").contains(.threat))
        #expect(!threat("Ik ga de juf echt niet slaan, hoor."))
    }

    @Test("a word-list match alone between quotes is a word talked about; used against someone it counts")
    func quotedWordIsMentioned() {
        #expect(!categories("Mijn dochter vroeg wat 'mongool' betekent.").contains(.abuse))
        #expect(!categories("Op het bord staan nu 'spast' en 'flikker'.").contains(.discrimination))
        #expect(categories("Die mongool van een vader parkeert altijd voor de poort.").contains(.abuse))
    }

    @Test("'ik durf te beweren' is the writer's own statement; 'wie beweert dat …' reports one")
    func ownAssertion() {
        #expect(categories("Ik durf te beweren dat Polen allemaal dieven zijn.").contains(.discrimination))
        #expect(!categories("Wie beweert dat gehandicapten een last zijn, moet eens een dag meedraaien.").contains(.discrimination))
    }

    @Test("a group is taken up by 'ze' after a conjunction in its own sentence")
    func groupPronounAfterConjunction() {
        #expect(patterns("Er wonen veel Turken in onze straat en ik kan ze niet luchten.").contains("group-hated"))
        #expect(!categories("Er wonen veel Turken in onze straat en ik vind ze aardig.").contains(.discrimination))
    }

    @Test("'ik vind niet dat', 'het is niet zo dat' deny the clause after them, up to a 'maar'")
    func deniedClause() {
        #expect(!categories("Ik vind niet dat Marokkaanse jongens vaker stelen.").contains(.discrimination))
        #expect(!categories("Het is echt niet zo dat Syriërs hier voor het geld komen.").contains(.discrimination))
        #expect(!categories("Ik geloof niet dat moslims gevaarlijker zijn dan anderen.").contains(.discrimination))
        #expect(categories("Ik zeg niet dat het erg is, maar Marokkanen stelen gewoon vaker.").contains(.discrimination))
        // No surprise is no denial either: it confirms what follows.
        #expect(
            Fixtures.engine.evaluate(
                Fixtures.post(
                    "Gezien wie zijn vader is, verbaast het me niets dat Mees zo'n grote mond heeft.", kind: .comment, group: "groep-7a",
                    author: Post.Author(id: "o-001", role: .parent)), context: Fixtures.school
            ).findings.contains { $0.category == .negativeAboutPupil })
        // A complaint is no denial: "ik snap niet dat" objects to what follows.
        #expect(categories("Ik snap niet dat die Polen hier nog steeds mogen blijven, ze horen hier niet.").contains(.discrimination))
    }

    @Test("a rule with requiresFinding fires only where another rule's finding marks its sentence")
    func findingAlongside() {
        let parent = Post.Author(id: "o-001", role: .parent)
        let report = { (text: String) in
            Fixtures.engine.evaluate(Fixtures.post(text, kind: .comment, group: "school", author: parent), context: Fixtures.school)
        }
        let threatAtGroup = report("Morgen neem ik een mes mee naar de ouderavond, voor die moslims in het bestuur.")
        #expect(threatAtGroup.findings.contains { $0.category == .threat })
        #expect(threatAtGroup.findings.contains { $0.rule == "konot.discrimination.threat-against-group" })
        // The group in another sentence than the threat, or no threat at all: no such finding.
        let apart = report(
            "De Turkse moeders hebben de koffie verzorgd. Meester Jansen, als u mijn zoon nog één keer straf geeft, ga ik u slaan.")
        #expect(apart.findings.contains { $0.category == .threat })
        #expect(!apart.findings.contains { $0.rule == "konot.discrimination.threat-against-group" })
        #expect(!report("De Turkse moeders hebben de koffie verzorgd.").findings.contains { $0.category == .discrimination })
        // A threat at persons named by a plain gender word is a threat, not hate.
        let persons = report("Als die jongens uit groep 8 mijn zoon nog één keer slaan, pak ik ze zelf wel aan.")
        #expect(!persons.findings.contains { $0.rule == "konot.discrimination.threat-against-group" })
    }
}
