import Testing

@testable import PolicyEngine

@Suite("Emoji and group references as word classes")
struct GroupReferenceTests {
    private func patterns(_ text: String) -> Set<String> {
        Set(Fixtures.report(text).findings.compactMap(\.pattern))
    }

    @Test("a lexicon entry may be one emoji, with a variation selector or skin tone; a word or a pair is no emoji")
    func emojiEntries() {
        #expect(Engine.emojiScalar("🍆") == 0x1F346)
        #expect(Engine.emojiScalar("🔥\u{FE0F}") == 0x1F525)
        #expect(Engine.emojiScalar("kut") == nil)
        #expect(Engine.emojiScalar("🍆💦") == nil)
        #expect(Engine.emojiScalar("#") == nil)
    }

    @Test("an emoji counts beside a person; on its own, or a wink beside a person alone, it does not")
    func emojiInPatterns() {
        #expect(patterns("Meester, kom je na het schoolreisje nog even langs? 🍆").contains("suggestive-emoji-at-person"))
        #expect(patterns("Die moeder in die strakke legging mag vaker komen helpen 😏").contains("looks-at-person"))
        #expect(patterns("In de moestuin groeien aubergines 🍆").isEmpty)
        #expect(patterns("Fijne vakantie allemaal, juf Anouk 😘").isEmpty)
    }

    @Test("a compound whose first part is a group, or a swear word before a group, is the group")
    func compounds() throws {
        let references = Fixtures.engine.groupReferences
        #expect(references.isGroupCompound("asielzoekersgezinnen"))
        #expect(references.isGroupCompound("moslimbuurt"))
        #expect(references.isGroupCompound("tyfusturken"))
        // A lexicon word itself is no compound of one.
        #expect(!references.isGroupCompound("moslimkinderen"))
        #expect(!references.isGroupCompound("gymkinderen"))
        #expect(!references.isGroupCompound("schoolkinderen"))
        #expect(!patterns("Die asielzoekersgezinnen horen hier niet thuis.").isEmpty)
        #expect(patterns("De asielzoekersgezinnen zijn welkom bij de kledingbeurs.").isEmpty)
    }

    @Test("a pronoun opening the next sentence takes up the group; in the first sentence it is just a pronoun")
    func pronouns() {
        let hostility = "konot.discrimination.group-hostility"
        #expect(Fixtures.rules(firing: "Er wonen steeds meer Polen in de wijk. Die horen hier niet.").contains(hostility))
        #expect(!Fixtures.rules(firing: "Er wonen steeds meer Polen in de wijk. Die zijn erg gezellig.").contains(hostility))
        #expect(patterns("Die horen hier niet.").isEmpty)
        #expect(patterns("De jassen horen niet op de grond maar aan de kapstok.").isEmpty)
    }

    @Test("a pronoun opening a later clause takes up a group of its own sentence")
    func pronounsAfterComma() {
        let hostility = "konot.discrimination.group-hostility"
        #expect(Fixtures.rules(firing: "Ik vind dat vrouwen geen leiding moeten geven, ze zijn te emotioneel.").contains(hostility))
        #expect(!Fixtures.rules(firing: "Vrouwen zijn welkom op de ouderavond, ze krijgen een rondleiding.").contains(hostility))
    }
}

@Suite("The writer's own child")
struct OwnChildTests {
    private func parent(_ text: String) -> Report {
        Fixtures.engine.evaluate(
            Fixtures.post(text, kind: .comment, author: .init(id: "o-001", role: .parent)), context: Fixtures.school)
    }

    @Test("a parent telling about their own child shares their own news, not a pupil's confidential data")
    func ownNews() {
        let categories = { (text: String) in Set(self.parent(text).findings.map(\.category)) }
        #expect(!categories("Mijn zoon heeft dyslexie en krijgt nu voorleessoftware. Dank aan de IB'er!").contains(.confidential))
        #expect(!categories("Mijn zoon heeft zijn zwarte band bij judo gehaald!").contains(.individualAchievement))
        // Another child named beside it still counts.
        #expect(categories("Mijn zoon zegt dat Amira leukemie heeft.").contains(.confidential))
    }

    @Test("in a complaint the own child is the one it happened to")
    func complaint() {
        let categories = Set(parent("Noah heeft mijn zoon al drie keer zijn koek afgepakt.").findings.map(\.category))
        #expect(categories.contains(.negativeAboutPupil))
    }
}

@Suite("An adult who shares a pupil's first name")
struct AdultTitleTests {
    @Test("'meester Daan' is a teacher, not the pupil Daan; 'Daan' alone is the pupil")
    func titles() {
        #expect(
            !Fixtures.rules(firing: "Welkom aan onze nieuwe collega meester Daan, die de invalpool versterkt.").contains(
                "konot.individual-child.named"))
        #expect(Fixtures.rules(firing: "Daan heeft vandaag zijn zwemdiploma gehaald.").contains("konot.individual-child.named"))
    }
}

@Suite("Censored words")
struct CensoredWordTests {
    @Test("a star between letters hides a vowel: k*t, kl*te, f*ck are found; a star elsewhere is no word")
    func stars() {
        #expect(Fixtures.rules(firing: "Wat een kl*te juf zeg").contains { $0.hasPrefix("konot.abuse") })
        #expect(Fixtures.rules(firing: "k*tschool, echt").contains { $0.hasPrefix("konot.abuse") })
        #expect(Fixtures.rules(firing: "Wie heeft die f*cking fiets omgegooid?").contains { $0.hasPrefix("konot.abuse") })
        #expect(!Fixtures.rules(firing: "De juf gaf een * bij elke goede som.").contains { $0.hasPrefix("konot.abuse") })
        #expect(!Fixtures.rules(firing: "Morgen hebben we gym* (*bij mooi weer buiten).").contains { $0.hasPrefix("konot.abuse") })
        // A censored word is not a spelling mistake.
        #expect(!Fixtures.rules(firing: "Wat een kl*te juf zeg").contains("konot.spelling.dutch"))
    }
}

@Suite("Mention, not use")
struct MentionTests {
    @Test("a quoted swear word in a sentence that rejects or reports it is only mentioned; said to someone it counts")
    func quotedWords() {
        let abuse: (String) -> Bool = { text in Fixtures.rules(firing: text).contains { $0.hasPrefix("konot.abuse") } }
        #expect(!abuse("Ik vind het onacceptabel dat iemand hier eerder 'kankerschool' schreef."))
        #expect(abuse("Wat een kankerschool is dit."))
        #expect(abuse("Die 'juf' is een kankerwijf."))
    }

    @Test("a name inside a story or a Bible passage is the character, not the pupil")
    func characters() {
        #expect(
            !Fixtures.rules(firing: "Groep 5 oefent een scène uit Romeo en Julia voor de musical.").contains("konot.individual-child.named")
        )
        #expect(
            !Fixtures.rules(firing: "We lezen het evangelie volgens Lucas over de geboorte van Jezus.").contains(
                "konot.individual-child.named"))
    }

    @Test("a roster name followed by 'uit het' and a story word is a character")
    func storyCharacter() {
        #expect(
            !Fixtures.rules(firing: "In de klas lazen we hoe Daan uit het voorleesboek met zijn opa ging vissen.").contains(
                "konot.individual-child.named"))
        #expect(
            Fixtures.rules(firing: "Daan uit groep 5 heeft vandaag een mooie tekening gemaakt.").contains("konot.individual-child.named"))
    }

    @Test("a name given to a character in a sentence about a story is the character")
    func namedCharacter() {
        let named: (String) -> Bool = { Fixtures.rules(firing: $0).contains("konot.individual-child.named") }
        #expect(!named("In het voorleesboek heette de hoofdpersoon ook Daan, de hele klas moest lachen."))
        #expect(!named("De kinderen vonden het bijzonder dat het meisje in het prentenboek de naam Fatima heeft."))
        #expect(named("Onze nieuwe leerling heet Fatima, welkom!"))
    }

    @Test("a first name followed by another capitalised surname is someone else; an abbreviation is no surname")
    func namesake() {
        let named: (String) -> Bool = { Fixtures.rules(firing: $0).contains("konot.individual-child.named") }
        #expect(!named("We lazen vandaag over Daan Roosegaarde, die met licht en kunst werkt."))
        #expect(!named("In mei vertellen we over Onze Lieve Vrouw, de moeder van Jezus."))
        #expect(named("Daan de Vries heeft vandaag zijn zwemdiploma gehaald."))
        #expect(named("Zoë Bakker heeft vandaag haar zwemdiploma gehaald."))
        #expect(named("Ik hoorde dat Daan ADHD heeft, dan snap ik waarom hij zo druk is."))
    }

    @Test("a name with an accent no pupil of that name has is another word; an accent left out is the pupil")
    func foreignAccent() {
        let named: (String) -> Bool = { Fixtures.rules(firing: $0).contains("konot.individual-child.named") }
        #expect(!named("In mei vertellen we over de verschijningen in Fátima."))
        #expect(named("Fatima heeft vandaag haar spreekbeurt gehouden over haar opa."))
        #expect(named("Zoe heeft vandaag haar zwemdiploma gehaald."))
        #expect(named("Zoë heeft vandaag haar zwemdiploma gehaald."))
    }
}
