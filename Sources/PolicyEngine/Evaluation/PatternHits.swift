/// The word classes found in one post: per word, the classes that start there and where they end.
struct WordClasses {
    private(set) var table: PatternAutomaton.ClassTable
    private let builtin: [BuiltinWordClass: Int32]
    let isActive: Bool

    init(engine: Engine, tokenCount: Int) {
        isActive = !engine.patternAutomaton.isEmpty
        table = PatternAutomaton.ClassTable(wordCount: isActive ? tokenCount : 0)
        builtin = engine.builtinClassIDs
    }

    mutating func add(_ id: Int32, _ tokens: Range<Int>) {
        guard isActive, !tokens.isEmpty else { return }
        table.add(PatternAutomaton.ClassMatch(wordClass: id, end: Int32(tokens.upperBound)), at: tokens.lowerBound)
    }

    mutating func add(_ kind: BuiltinWordClass, _ tokens: Range<Int>) {
        if let id = builtin[kind] { add(id, tokens) }
    }

    func contains(_ id: Int32, at index: Int) -> Bool { table.contains(id, at: index) }

    func isEmpty(at index: Int) -> Bool { table.isEmpty(at: index) }

    /// Numbers, and amounts of money: "€ 25", "€25,50", "25 euro", "15,-".
    mutating func addNumbersAndPrices(_ text: AnalyzedText) {
        let tokens = text.tokens
        for index in tokens.indices where tokens[index].isNumber {
            add(.number, index..<index + 1)
            // A mark is written "een 7" or "een 7,5"; the word breaker keeps "7,5" one token, whose key
            // drops the comma, so the written digits are read.
            let written = text.folded[tokens[index].folded]
            let whole = written.prefix(while: Tokenizer.isDigit)
            if index > 0, tokens[index - 1].key == "een", (1...2).contains(whole.count) {
                let mark = whole.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                // The first digit after the decimal comma ("7,5" → 5), if any.
                let decimal = written.dropFirst(whole.count + 1).first
                if (8...10).contains(mark) { add(.highMark, index..<index + 1) }
                // "een 5,5" is a pass; "een 4,5" and "een 5" are not.
                if (1...5).contains(mark), !(mark == 5 && decimal == 0x35) { add(.lowMark, index..<index + 1) }
            }
            let gapBefore = (index == 0 ? 0 : tokens[index - 1].folded.upperBound)..<tokens[index].folded.lowerBound
            if gapBefore.contains(where: { text.folded[$0] == 0x20AC }) {
                // "€ 25,50": the cents are a number of their own.
                let end = index + 1 < tokens.count && tokens[index + 1].isNumber && gapIsDecimal(text, index) ? index + 2 : index + 1
                add(.price, index..<end)
            } else if index + 1 < tokens.count, ["euro", "eur", "euros"].contains(tokens[index + 1].key) {
                add(.price, index..<index + 2)
            } else if followedByDash(text, index) {
                add(.price, index..<index + 1)
            }
        }
    }

    /// Euphemisms in scare quotes: one to four words between quotation marks, the first in lower case,
    /// the last an infinitive ("komt hem even 'spreken'", "gaan het 'even rustig bespreken'"). When the
    /// pack has a `euphemism` lexicon, the last word must be one of its words (a verb of visiting or
    /// talking, not "'ons werk afpakken'" quoted from someone else).
    mutating func addScareQuotes(_ text: AnalyzedText, euphemism: Int32?) {
        guard let id = builtin[.scareQuote] else { return }
        let tokens = text.tokens
        for range in SpellingCheck.quotedRanges(text.original) {
            guard let first = tokens.firstIndex(where: { $0.span.start >= range.lowerBound }),
                tokens[first].span.end <= range.upperBound, !tokens[first].isCapitalized
            else { continue }
            var last = first
            while last + 1 < tokens.count, tokens[last + 1].span.end <= range.upperBound { last += 1 }
            guard last - first < 4, tokens[last].keyLength >= 5, tokens[last].key.hasSuffix("en") else { continue }
            // A word talked about is no euphemism: "woorden als 'moffen'", "wat 'negeren' betekent".
            if first > 0, Self.mentionWords.contains(tokens[first - 1].key) { continue }
            if let euphemism, !contains(euphemism, at: last) { continue }
            add(id, first..<last + 1)
        }
    }

    /// Emoji from the lexicons ("🍆", "😏"). An emoji is not a word: it counts as standing on the
    /// word before it (the word it comments on), or on the first word when the post opens with it.
    mutating func addEmoji(_ text: AnalyzedText, _ emojiClasses: [UInt32: [Int32]]) {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return }
        var word = 0
        for (offset, scalar) in text.original.enumerated() where scalar.value > 0x7F {
            guard let ids = emojiClasses[scalar.value] else { continue }
            while word + 1 < tokens.count && tokens[word + 1].span.end <= offset { word += 1 }
            for id in ids { add(id, word..<word + 1) }
        }
    }

    /// A child pointed at with "dat" or "die" ("dat mollige jongetje", "die brutale kleine meid", "dat
    /// kleintje van de overkant"): one pupil described, not named. Up to two adjectives (words in -e)
    /// may stand between; "dat kind van mij" is the writer's own child and does not count.
    mutating func addChildDescriptions(_ text: AnalyzedText, as description: Int32) {
        let tokens = text.tokens
        // Every pointer word starts with "d": test the first byte before hashing the word.
        for index in tokens.indices
        where tokens[index].keyLength <= 4 && tokens[index].key.utf8.first == UInt8(ascii: "d") && Self.pointers.contains(tokens[index].key)
        {
            let sentence = tokens[index].sentence
            var noun = index + 1
            // Up to two adjectives in -e before the child noun.
            while noun < tokens.count, noun - index <= 2, tokens[noun].sentence == sentence, !Self.childNouns.contains(tokens[noun].key),
                Self.isAdjectiveBeforeNoun(tokens[noun])
            {
                noun += 1
            }
            guard noun < tokens.count, tokens[noun].sentence == sentence, Self.childNouns.contains(tokens[noun].key) else { continue }
            if noun + 2 < tokens.count, tokens[noun + 1].key == "van", Self.ownPronouns.contains(tokens[noun + 2].key) { continue }
            add(description, index..<noun + 1)
        }
    }

    /// An inflected adjective between a pointer and its noun: lower case, four letters or more, in -e.
    static func isAdjectiveBeforeNoun(_ token: Token) -> Bool {
        token.keyLength >= 4 && token.key.hasSuffix("e") && !token.isCapitalized
    }

    private static let pointers: Set<String> = ["dat", "die", "dit", "deze"]
    private static let mentionWords: Set<String> = [
        "als", "zoals", "wat", "woord", "woorden", "term", "termen", "uitdrukking", "begrip", "thema", "project", "boek",
    ]
    private static let childNouns: Set<String> = [
        "jongetje", "meisje", "joch", "jochie", "knul", "knulletje", "kind", "kindje", "jongen", "meid", "meidje", "ventje",
        "kereltje", "mannetje", "kleintje", "grietje", "ettertje", "leerling", "leerlinge", "kleuter", "peuter",
    ]
    private static let ownPronouns: Set<String> = ["mij", "me", "ons", "mijzelf"]

    /// Group compounds ("moslimkinderen", "kutmarokkanen") count as the group.
    mutating func addGroupCompounds(_ text: AnalyzedText, group: Int32, _ references: GroupReferences) {
        let insult = builtin[.groupInsult]
        let tokens = text.tokens
        for index in tokens.indices where tokens[index].keyLength >= 7 && !tokens[index].isNumber {
            if isEmpty(at: index), references.isGroupCompound(tokens[index].canonical) { add(group, index..<index + 1) }
            if let insult, references.isInsultingCompound(tokens[index].canonical) {
                add(group, index..<index + 1)
                add(insult, index..<index + 1)
            }
        }
    }

    /// A pronoun among the first words of the sentence right after one with a word of `antecedents`
    /// takes that word up and counts as `reference`: "Die Polen zuipen. Die horen hier niet." (the
    /// group), "Amira is voorlopig thuis. Ze heeft leukemie." (the pupil).
    /// A pronoun of `withinSentence` does the same among the first words of a later clause of the
    /// antecedent's own sentence: "Ik vind dat vrouwen geen leiding moeten geven, ze zijn te
    /// emotioneel." For a pupil only "hij" and "zij" do: a pupil's name is too often followed by a
    /// parent's "ze". With `conjunctions`, a clause also opens at such a word ("Er wonen veel Turken
    /// in onze straat en ik kan ze niet luchten", "… merk ik dat ze nergens zin in hebben").
    mutating func addPronounReferences(
        _ text: AnalyzedText, antecedents: [Int32], pronouns: Set<String>, as reference: Int32,
        withinSentence pronounsWithin: Set<String> = [], conjunctions: Set<String> = [],
        reach: Int = GroupReferences.pronounReach
    ) {
        let withinSentence = !pronounsWithin.isEmpty
        let tokens = text.tokens
        var antecedentSentence: Int?
        var sentenceStart = 0
        // The first word of this sentence that is an antecedent, if any.
        var antecedentInSentence: Int?
        for index in tokens.indices {
            if index > 0, tokens[index].sentence != tokens[index - 1].sentence {
                sentenceStart = index
                antecedentInSentence = nil
            }
            // Cheap tests first: the pronoun set is asked only where an antecedent is in reach.
            let fromSentenceBefore =
                antecedentSentence == tokens[index].sentence - 1 && index - sentenceStart < reach
            if fromSentenceBefore || antecedentInSentence != nil,
                (fromSentenceBefore ? pronouns : pronounsWithin).contains(tokens[index].canonical),
                GroupReferences.takesUpPeople(tokens, at: index),
                fromSentenceBefore
                    || antecedentInSentence.map({ clauseOpens(text, after: $0, near: index, conjunctions: conjunctions) }) == true
            {
                add(reference, index..<index + 1)
            }
            if antecedents.contains(where: { contains($0, at: index) }) {
                antecedentSentence = tokens[index].sentence
                if withinSentence, antecedentInSentence == nil { antecedentInSentence = index }
            }
        }
    }

    /// Whether a clause opens (after a comma, semicolon, colon or dash, or at one of `conjunctions`)
    /// after word `antecedent` and within the pronoun's reach before word `index`.
    private func clauseOpens(_ text: AnalyzedText, after antecedent: Int, near index: Int, conjunctions: Set<String>) -> Bool {
        let first = max(antecedent + 1, index - GroupReferences.pronounReach + 1)
        guard first <= index else { return false }
        for start in first...index {
            if text.between(start - 1, start).contains(where: { [0x2C, 0x3B, 0x3A, 0x2D].contains($0) }) { return true }
            if start < index, conjunctions.contains(text.tokens[start].canonical) { return true }
        }
        return false
    }

    private func gapIsDecimal(_ text: AnalyzedText, _ index: Int) -> Bool {
        let gap = text.between(index, index + 1)
        guard gap.count == 1, let mark = gap.first else { return false }
        return mark == 0x2C || mark == 0x2E
    }

    private func followedByDash(_ text: AnalyzedText, _ index: Int) -> Bool {
        let start = text.tokens[index].folded.upperBound
        guard start + 1 < text.folded.count else { return false }
        return text.folded[start] == 0x2C && text.folded[start + 1] == 0x2D
    }
}

/// Runs the pack's pattern automaton over a post and applies each rule's guards.
struct PatternHits {
    let engine: Engine
    let text: AnalyzedText
    let classes: WordClasses
    /// The pack's innocent phrases ("schiet op", "kwf kankerbestrijding"): never part of a finding.
    let packExceptions: [Range<Int>]

    /// Whether a word of `wordClass` stands in the match's sentence; for a rule that reaches over
    /// sentences (`scope: post`), in the sentences the match covers and the one on either side (the
    /// school trip named in one sentence, its price in the next).
    private func inSentence(_ wordClass: String, _ match: PatternAutomaton.Match, scope: PatternScope) -> Bool {
        guard let id = engine.classIDs["@" + wordClass] else { return false }
        let first = text.tokens[match.tokens.lowerBound].sentence
        let last = text.tokens[match.tokens.upperBound - 1].sentence
        let sentences = scope == .post ? (first - 1)...(last + 1) : first...first
        return text.tokens.indices.contains { sentences.contains(text.tokens[$0].sentence) && classes.contains(id, at: $0) }
    }

    /// Words that turn a statement around ("niet", "geen", "nooit", "niemand").
    static let negationClass = "negation"
    /// Words that report or oppose what is said ("riep", "zei", "accepteren we niet", "dat is discriminatie").
    static let counterSpeechClass = "counter-speech"
    static let statementRejectedClass = "statement-rejected"

    func hits() -> [Int: [Hit]] {
        let sentences = text.tokens.map(\.sentence)
        var result: [Int: [Hit]] = [:]
        for match in engine.patternAutomaton.matches(classes: classes.table, sentences: sentences, free: relativeClauses()) {
            let pattern = engine.patternAutomaton.patterns[match.pattern]
            guard case .patterns(let list) = engine.pack.rules[pattern.rule].matcher else { continue }
            if list.guards.contains(.negation), isNegated(match) { continue }
            if list.guards.contains(.counterSpeech), isCounterSpeech(match) { continue }
            if list.unlessClasses.contains(where: { inSentence($0, match, scope: list.scope) }) { continue }
            if !list.requiredClasses.isEmpty, !list.requiredClasses.contains(where: { inSentence($0, match, scope: .post) }) { continue }
            if match.slots.contains(where: { slot in packExceptions.contains { $0.overlaps(slot) } }) { continue }
            let spans = match.slots.map { span($0) }
            let words = match.slots.map { "'\(text.originalText(span($0)))'" }.joined(separator: " … ")
            result[pattern.rule, default: []].append(
                Hit(spans: spans, detail: LocalizedText(nl: words, en: words), pattern: pattern.name))
        }
        return result
    }

    /// The words of relative clauses closed by a comma ("die buurman die altijd voor het hek
    /// parkeert, een keer flink in elkaar wordt geslagen"): a pattern's gap skips them without
    /// counting, so the clause does not push the sentence's own words out of reach. Empty when the
    /// post has none. "dat" is left out: it opens a that-clause as often as a relative one.
    func relativeClauses() -> [Bool] {
        let tokens = text.tokens
        var free: [Bool] = []
        var index = 1
        while index < tokens.count {
            defer { index += 1 }
            // Most words start with neither d nor w: test the first byte before hashing the word.
            let first = tokens[index].canonical.utf8.first
            guard first == UInt8(ascii: "d") || first == UInt8(ascii: "w"), tokens[index].keyLength <= 8,
                Self.relativePronouns.contains(tokens[index].canonical), tokens[index - 1].sentence == tokens[index].sentence,
                !Self.notAntecedents.contains(tokens[index - 1].canonical)
            else { continue }
            // The clause ends at a comma within a dozen words, and the sentence goes on after it.
            var end = index
            while end + 1 < tokens.count, end - index < 12, tokens[end + 1].sentence == tokens[index].sentence {
                if text.between(end, end + 1).contains(0x2C) { break }
                end += 1
            }
            guard end + 1 < tokens.count, tokens[end + 1].sentence == tokens[index].sentence,
                text.between(end, end + 1).contains(0x2C)
            else { continue }
            if free.isEmpty { free = Array(repeating: false, count: tokens.count) }
            for word in index...end { free[word] = true }
            index = end
        }
        return free
    }

    private static let relativePronouns: Set<String> = ["die", "wie", "welke", "waar", "waarvan", "waarmee", "waarop", "waarover"]
    /// Words after which "die" is no relative pronoun but a demonstrative or a pronoun ("ik hoop dat
    /// die buurman …", "en die moeder …").
    private static let notAntecedents: Set<String> = [
        "dat", "als", "of", "en", "maar", "want", "omdat", "wanneer", "toen", "zodat", "hoe", "wat", "wie", "die", "ik", "je",
        "jij", "u", "hij", "zij", "ze", "we", "wij", "jullie", "het", "de", "een", "is", "zijn", "was", "waren", "wordt",
        "worden", "heeft", "hebben", "had", "met", "van", "voor", "naar", "bij", "op", "aan", "in", "om", "tegen", "over",
        "door", "zeg", "weet", "ken", "vind", "hoop", "zie", "dan", "nu", "ook", "al", "nog", "toch", "echt",
    ]

    private func span(_ tokens: Range<Int>) -> Span {
        Span(start: text.tokens[tokens.lowerBound].span.start, end: text.tokens[tokens.upperBound - 1].span.end)
    }

    /// A negation in scope: in the two words right before a slot ("zijn geen terroristen", "niet
    /// alle moslims"), and not one of the slots' own words ("niet" in "horen hier niet" belongs to the
    /// predicate). A negation further off leaves the statement standing ("kunnen gewoon niet …").
    private func isNegated(_ match: PatternAutomaton.Match) -> Bool {
        guard let negation = engine.classIDs["@" + Self.negationClass] else { return false }
        let sentence = text.tokens[match.tokens.lowerBound].sentence
        if isDenied(match) || isDeniedAfter(match) || hasNegatedSubject(match) { return true }
        for slot in match.slots {
            // "niet als een last": a comparison word between the negation and the slot widens its
            // reach by that word ("nooit meer een Aziaat" stays the statement it is).
            var reach = 2
            for index in max(0, slot.lowerBound - 2)..<slot.lowerBound where Self.negationBridges.contains(text.tokens[index].canonical) {
                reach += 1
            }
            for index in max(0, slot.lowerBound - reach)..<slot.lowerBound where text.tokens[index].sentence == sentence {
                // A negation phrase that runs into the slot is the slot's own ("helemaal niet" before "niet").
                var standsApart = false
                classes.table.forEach(at: index) { if $0.wordClass == negation && Int($0.end) <= slot.lowerBound { standsApart = true } }
                if standsApart, !match.slots.contains(where: { $0.contains(index) }), !closesClause(between: index, and: slot.lowerBound),
                    !isInsideHostilePhrase(index),
                    !isComplaint(negationAt: index), !followsSurprise(negationAt: index), !isReminder(negationAt: index),
                    !isRhetorical(negationAt: index), !opensQuestion(negationAt: index)
                {
                    return true
                }
            }
        }
        // A negation that closes the clause right after the statement turns it around too: "ik haat
        // Surinamers niet, waarom zou ik?".
        // The negation may be a phrase ("helemaal niet", "absoluut niet"): the clause must end after it.
        let after = match.tokens.upperBound
        guard after < text.tokens.count, text.tokens[after].sentence == sentence else { return false }
        var closes = false
        classes.table.forEach(at: after) { found in
            guard found.wordClass == negation else { return }
            let last = Int(found.end) - 1
            let end = last + 1 < text.tokens.count ? text.tokens[last + 1].folded.lowerBound : text.folded.count
            let gap = text.tokens[last].folded.upperBound..<end
            if last + 1 == text.tokens.count || gap.contains(where: { [0x2C, 0x2E, 0x21, 0x3F, 0x3B, 0x0A].contains(text.folded[$0]) }) {
                closes = true
            }
        }
        return closes
    }

    /// Words between a negation and a slot that widen the negation's reach by one ("niet als een last").
    private static let negationBridges: Set<String> = ["als"]

    /// Whether word `index` belongs to a hostile phrase (`hostile-predicate`: "horen hier niet", "niet
    /// welkom"): its negation excludes, it does not deny. "Aziaten horen hier niet, deporteer ze
    /// allemaal" is a call for deportation.
    private func isInsideHostilePhrase(_ index: Int) -> Bool {
        guard let hostile = engine.classIDs["@hostile-predicate"] else { return false }
        for start in max(0, index - 4)...index {
            var covers = false
            classes.table.forEach(at: start) { if $0.wordClass == hostile && Int($0.end) > index { covers = true } }
            if covers { return true }
        }
        return false
    }

    /// Negated subjects: "niemand", "niets", "geen".
    static let negatedSubjects: Set<String> = ["niemand", "niets", "niks", "geen"]

    /// A clause inside the match whose subject is negated, right after "dat" (or "dat er"), says the
    /// opposite however far its verb stands: "ik hoop dat niemand tijdens de schoolreis ziek wordt".
    private func hasNegatedSubject(_ match: PatternAutomaton.Match) -> Bool {
        let tokens = text.tokens
        for index in match.tokens where tokens[index].key == "dat" {
            var subject = index + 1
            if subject < match.tokens.upperBound, tokens[subject].key == "er" { subject += 1 }
            if subject < match.tokens.upperBound, Self.negatedSubjects.contains(tokens[subject].key),
                !match.slots.contains(where: { $0.contains(subject) })
            {
                return true
            }
        }
        return false
    }

    /// "Het verbaast me niets dat Mees zo'n grote mond heeft": no surprise is no denial, it confirms.
    static let surpriseVerbs: Set<String> = ["verbaast", "verbaasde", "verwondert", "verwonderde", "verrast", "verraste"]

    private func followsSurprise(negationAt index: Int) -> Bool {
        let tokens = text.tokens
        return (max(0, index - 3)..<index).contains {
            tokens[$0].sentence == tokens[index].sentence && Self.surpriseVerbs.contains(tokens[$0].canonical)
        }
    }

    /// Verbs that deny the clause after "niet (zo/waar) dat": "Ik vind niet dat …", "Het is echt niet
    /// zo dat …", "Ik geloof niet dat …".
    static let denialVerbs: Set<String> = [
        "vind", "vindt", "vinden", "vond", "denk", "denkt", "denken", "dacht", "geloof", "gelooft", "geloven", "geloofde", "is", "was",
        "klopt", "beweer", "beweert", "zeg", "zeggen",
    ]

    /// A statement named and then denied after it: "Dat Marokkanen dieven zijn, geloof ik niet", "Dat
    /// vluchtelingen profiteurs zijn is een fabeltje", "…, en dat denk ik nog steeds niet". The
    /// statement opens its sentence with "dat", or the denial takes it up with "dat" ("dat vind ik
    /// niet"); a "maar" in between turns it back. "Moslims zijn gevaarlijk, de rest is onzin" denies
    /// nothing of the first clause.
    private func isDeniedAfter(_ match: PatternAutomaton.Match) -> Bool {
        let tokens = text.tokens
        let sentence = tokens[match.tokens.lowerBound].sentence
        guard let opening = tokens.firstIndex(where: { $0.sentence == sentence }) else { return false }
        let fronted = tokens[opening].canonical == "dat" && opening < match.tokens.lowerBound
        // From the end of the first slot: a falsehood word may itself be read as the predicate
        // ("Dat moslims gevaarlijk zijn, is onzin": moslims … onzin).
        var index = match.slots.first?.upperBound ?? match.tokens.upperBound
        while index < tokens.count, tokens[index].sentence == sentence {
            let word = tokens[index].canonical
            if word == "maar" { return false }
            // "geloof ik (echt) niet" closing the sentence, after a fronted "dat …" or after "dat".
            if Self.denialVerbs.contains(word), index + 1 < tokens.count, tokens[index + 1].canonical == "ik",
                fronted || (index > 0 && tokens[index - 1].canonical == "dat")
            {
                for later in index + 2..<min(index + 6, tokens.count) where tokens[later].sentence == sentence {
                    let closes = later + 1 == tokens.count || tokens[later + 1].sentence != sentence
                    if tokens[later].canonical == "niet", closes { return true }
                }
            }
            if fronted, Self.falsehoods.contains(word),
                (max(opening, index - 3)..<index).contains(where: { tokens[$0].canonical == "is" || tokens[$0].canonical == "zijn" })
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// What a fronted statement is called when it is denied: "is onzin", "is een fabeltje".
    static let falsehoods: Set<String> = [
        "onzin", "fabeltje", "fabel", "mythe", "kletskoek", "flauwekul", "leugen", "nonsens", "onwaar", "vooroordeel", "misverstand",
    ]

    /// Verbs of saying or holding that, negated right before "dat", deny the clause after it.
    static let sayingDenialVerbs: Set<String> = [
        "zeg", "zeggen", "gezegd", "beweer", "beweren", "beweerd", "vind", "vinden", "gevonden", "geloof", "geloven", "geloofd",
        "stellen", "stel", "gesteld",
    ]

    /// Whether the match stands in a clause that the writer denies as a whole: "Ik vind niet dat
    /// Marokkaanse jongens vaker stelen", "Het is niet zo dat Syriërs hier voor het geld komen". The
    /// denial reaches to the end of the sentence unless a "maar" turns it ("Ik zeg niet dat het
    /// erg is, maar die Polen …").
    private func isDenied(_ match: PatternAutomaton.Match) -> Bool {
        let tokens = text.tokens
        let sentence = tokens[match.tokens.lowerBound].sentence
        var index = match.tokens.lowerBound - 1
        while index >= 2, tokens[index].sentence == sentence {
            let word = tokens[index].canonical
            if word == "maar" { return false }
            // "Nooit zou ik zeggen dat …", "ik zou niet beweren dat …": a negated verb of saying or
            // holding right before "dat" (not "nooit gedacht dat", which is surprise at a fact).
            if word == "dat", Self.sayingDenialVerbs.contains(tokens[index - 1].canonical),
                (max(0, index - 4)..<index - 1).contains(where: {
                    tokens[$0].sentence == sentence && (tokens[$0].canonical == "niet" || tokens[$0].canonical == "nooit")
                })
            {
                return true
            }
            if word == "dat" {
                var not = index - 1
                let soOrTrue = ["zo", "waar"].contains(tokens[not].canonical)
                if soOrTrue { not -= 1 }
                if not >= 0, tokens[not].sentence == sentence, tokens[not].canonical == "niet",
                    (max(0, not - 2)..<not).contains(where: {
                        tokens[$0].sentence == sentence && Self.denialVerbs.contains(tokens[$0].canonical)
                    })
                {
                    return true
                }
            }
            index -= 1
        }
        return false
    }

    /// Verbs that, negated before "dat", object to what follows rather than deny it: "ik snap niet dat
    /// Jesse nog mee mag", "ik wil niet dat mijn dochter naast … zit". ("Ik vind niet dat …" does deny.)
    static let complaintVerbs: Set<String> = [
        "snap", "snapt", "snappen", "snapte", "begrijp", "begrijpt", "begrijpen", "begreep", "wil", "wilt", "willen",
        "accepteer", "accepteert", "accepteren", "pik", "pikt", "pikken",
    ]

    /// "Vergeet niet …", "niet vergeten …": a reminder asks for what follows, it denies nothing
    /// ("Vergeet niet mijn TikTok te volgen").
    private func isReminder(negationAt index: Int) -> Bool {
        let tokens = text.tokens
        guard tokens[index].key == "niet" else { return false }
        if index > 0, ["vergeet", "vergeten"].contains(tokens[index - 1].key) { return true }
        return index + 1 < tokens.count && tokens[index + 1].key == "vergeten"
    }

    /// Whether the negation at `index` belongs to a complaint about the clause after it: "niet dat"
    /// with a complaint verb just before.
    private func isComplaint(negationAt index: Int) -> Bool {
        negation(at: index, opens: ["dat"], after: Self.complaintVerbs)
    }

    /// Whether the negation at `index` has a word of `next` right after it and a word of `verbs` in
    /// the two words before, all in one sentence.
    private func negation(at index: Int, opens next: Set<String>, after verbs: Set<String>) -> Bool {
        let tokens = text.tokens
        guard index + 1 < tokens.count, next.contains(tokens[index + 1].canonical), tokens[index + 1].sentence == tokens[index].sentence
        else { return false }
        return (max(0, index - 2)..<index).contains {
            tokens[$0].sentence == tokens[index].sentence && verbs.contains(tokens[$0].canonical)
        }
    }

    /// Words that open a condition: "Als de reis niet doorgaat, zullen ze het voelen".
    static let conditionOpeners: Set<String> = ["als", "wanneer", "indien", "zodra", "mocht", "mochten", "tenzij"]

    /// Whether the negation at `index` closes a condition before a comma that stands ahead of word
    /// `later`: the condition's "niet" does not reach into the main clause. A negation in a list
    /// ("we slaan nooit, schoppen nooit") still does.
    private func closesClause(between index: Int, and later: Int) -> Bool {
        func breaks(_ gap: ArraySlice<UInt32>) -> Bool { gap.contains { $0 == 0x2C || $0 == 0x3B } }
        guard breaks(text.between(index, later)) else { return false }
        let sentence = text.tokens[index].sentence
        var start = index
        while start > 0, text.tokens[start - 1].sentence == sentence, !breaks(text.between(start - 1, start)) { start -= 1 }
        return Self.conditionOpeners.contains(text.tokens[start].canonical)
    }

    /// Verbs of knowing that, negated before a question word, leave the question standing.
    static let knowingVerbs: Set<String> = ["weet", "weten", "wist", "wisten"]
    static let questionWords: Set<String> = ["hoe", "hoelang", "wat", "waar", "wanneer", "of", "wie", "hoeveel"]

    /// Whether the negation at `index` is "weet niet hoe/wat/of …": not knowing denies nothing of the
    /// clause it opens ("ik weet niet hoe lang ik me nog inhoud", "ik weet niet wat ik doe als …").
    private func opensQuestion(negationAt index: Int) -> Bool {
        negation(at: index, opens: Self.questionWords, after: Self.knowingVerbs)
    }

    /// Words after "niet" that make a question an assertion: "Zijn lesbiennes niet gewoon …?",
    /// "Zijn zij niet eigenlijk allemaal …?".
    static let rhetoricalAfterNegation: Set<String> = ["gewoon", "eigenlijk", "allemaal", "stiekem"]

    /// Whether the negation at `index` is "niet gewoon/eigenlijk …" in a question: a rhetorical
    /// question asserts what it seems to deny.
    private func isRhetorical(negationAt index: Int) -> Bool {
        let tokens = text.tokens
        guard tokens[index].canonical == "niet", index + 1 < tokens.count,
            Self.rhetoricalAfterNegation.contains(tokens[index + 1].canonical)
        else { return false }
        let sentence = tokens[index].sentence
        var last = index
        while last + 1 < tokens.count, tokens[last + 1].sentence == sentence { last += 1 }
        let end = last + 1 < tokens.count ? tokens[last + 1].folded.lowerBound : text.folded.count
        return text.folded[tokens[last].folded.upperBound..<end].contains(0x3F)
    }

    /// Quoted, reported or opposed: inside quotation marks, a counter-speech word earlier in the same
    /// sentence ("iemand riep dat …"), or a counter-speech phrase in the sentence before or after
    /// ("Dat accepteren we niet."). A single reporting word in the next sentence does not excuse a
    /// threat ("… liggen. Zeg dat maar tegen de meester."), and one after the words in their own
    /// sentence does not either ("ik haat X, en dat mag gezegd worden").
    private func isCounterSpeech(_ match: PatternAutomaton.Match) -> Bool {
        counterSpeechNear(match.tokens) || isQuoted(match.tokens) || isNamedRightAfter(match.tokens) || speaksForOwnGroup(match)
    }

    /// "Wij mocro's nemen altijd te veel eten mee", "wij moslims worden overal gewantrouwd", "als
    /// Turkse moeder ben ik degene die te veel eten meeneemt": a group word right after "wij"/"we",
    /// or after "als" and followed by "ben ik", "zeg ik", is the writer's own group, spoken of from
    /// inside.
    private func speaksForOwnGroup(_ match: PatternAutomaton.Match) -> Bool {
        guard let group = engine.groupClassID else { return false }
        let tokens = text.tokens
        return match.slots.contains { slot in
            let first = slot.lowerBound
            guard first > 0, classes.contains(group, at: first), tokens[first - 1].sentence == tokens[first].sentence else {
                return false
            }
            if isSelfNamed(first..<slot.upperBound) { return true }
            let before = tokens[first - 1].canonical
            if before == "wij" || before == "we" { return true }
            guard before == "als" else { return false }
            // "als Turkse moeder ben ik", "als moslim zeg ik": the verb and "ik" follow at once.
            let end = min(slot.upperBound + 3, tokens.count - 1)
            guard slot.upperBound < end else { return false }
            for index in slot.upperBound..<end
            where tokens[index + 1].sentence == tokens[first].sentence && Self.selfNamingVerbs.contains(tokens[index].canonical) {
                if ["ik", "we", "wij"].contains(tokens[index + 1].canonical) { return true }
            }
            return false
        }
    }

    /// A group word or slur the writer uses of themself: "ik ben een echte Polak", "wij trotse
    /// flikkers", "als trotse flikker van de ouderraad heb ik …" (with "als" opening the sentence and a
    /// first-person word after it). "Als flikker hoor je niet voor de klas" names nobody's own group.
    func isSelfNamed(_ words: Range<Int>) -> Bool {
        let tokens = text.tokens
        let sentence = tokens[words.lowerBound].sentence
        var index = words.lowerBound - 1
        // Up to two adjectives in -e and an article before the word ("een echte", "trotse").
        var skipped = 0
        while index >= 0, skipped < 3, tokens[index].sentence == sentence,
            tokens[index].canonical == "een"
                || (WordClasses.isAdjectiveBeforeNoun(tokens[index]) && !Self.determiners.contains(tokens[index].canonical))
        {
            index -= 1
            skipped += 1
        }
        while index >= 0, tokens[index].sentence == sentence, Self.selfNamingFillers.contains(tokens[index].canonical) { index -= 1 }
        guard index >= 0, tokens[index].sentence == sentence else { return false }
        switch tokens[index].canonical {
        case "wij", "we": return true
        case "ben":
            return (index > 0 && tokens[index - 1].sentence == sentence && tokens[index - 1].canonical == "ik")
                || (index + 1 < tokens.count && tokens[index + 1].canonical == "ik")
        case "als":
            guard index == 0 || tokens[index - 1].sentence != sentence else { return false }
            return (words.upperBound..<min(words.upperBound + 12, tokens.count)).contains {
                tokens[$0].sentence == sentence && Self.firstPerson.contains(tokens[$0].canonical)
            }
        default: return false
        }
    }

    private static let selfNamingFillers: Set<String> = ["zelf", "ook", "gewoon", "eenmaal", "nu", "maar"]
    /// Words in -e that pick out others, not describe the writer: "we alle asielzoekers …".
    private static let determiners: Set<String> = [
        "alle", "deze", "onze", "sommige", "andere", "vele", "beide", "welke", "zulke", "elke", "iedere", "die", "diezelfde",
    ]
    private static let firstPerson: Set<String> = ["ik", "mijn", "me", "mij", "wij", "we", "ons", "onze"]

    /// The verbs of "als Turkse moeder ben ik", "als moslim zeg ik": the writer names their own group.
    private static let selfNamingVerbs: Set<String> = [
        "ben", "zijn", "zeg", "zeggen", "mag", "mogen", "vind", "vinden", "weet", "weten", "kan", "durf", "spreek",
    ]

    /// A reporting word right after the words: "Wie Roma dieven noemt, …", "transgenders gestoord
    /// noemen is kwetsend" speak about saying it.
    /// The words may run on into a quotation first: "Wie autisten 'gevoelloze robots' noemt, …".
    private func isNamedRightAfter(_ tokens: Range<Int>) -> Bool {
        guard tokens.upperBound < text.tokens.count else { return false }
        let sentence = text.tokens[tokens.lowerBound].sentence
        let next = text.tokens[tokens.upperBound]
        if next.sentence == sentence && Self.sayingVerbs.contains(next.canonical) { return true }
        for index in tokens.upperBound..<min(tokens.upperBound + 4, text.tokens.count)
        where text.tokens[index].sentence == sentence && Self.sayingVerbs.contains(text.tokens[index].canonical) {
            return closesQuote(before: index, after: tokens.upperBound - 1)
        }
        return false
    }

    /// Whether a closing quotation mark (after a letter, before a space or punctuation) stands
    /// between word `first` and word `index`; the apostrophe of "homo's" is no quotation mark.
    private func closesQuote(before index: Int, after first: Int) -> Bool {
        let marks: Set<UInt32> = [0x22, 0x27, 0x2019, 0x201D, 0xBB]
        let range = text.tokens[first].folded.lowerBound..<text.tokens[index].folded.lowerBound
        return range.contains { position in
            guard marks.contains(text.folded[position]), position > 0, position + 1 < text.folded.count else { return false }
            return Tokenizer.isLetter(text.folded[position - 1]) && !Tokenizer.isLetter(text.folded[position + 1])
        }
    }

    /// Adverbs that make "gezegd" a comment on the writer's own words ("eerlijk gezegd", "kort gezegd").
    static let hedges: Set<String> = [
        "eerlijk", "kort", "ronduit", "zacht", "zachtjes", "simpel", "plat", "grof", "anders", "beter", "eerlijker", "gewoon", "kortom",
    ]

    /// Present-tense saying that, with "ik" just before, is the writer's own statement ("ik zeg het
    /// maar", "ik durf te beweren dat …").
    static let ownSaying: Set<String> = ["zeg", "zeggen", "beweer", "beweren", "stel", "stellen"]

    /// Verbs of saying and calling that, right after a statement, make it reported speech.
    static let sayingVerbs: Set<String> = [
        "noemt", "noemen", "noemde", "noemden", "genoemd", "zegt", "zeggen", "zei", "zeiden", "roept", "roepen", "riep",
        "riepen", "schreef", "schrijft", "schreven", "uitmaakt", "uitmaken",
    ]

    /// A word list's match that is only mentioned: quoted, with a counter-speech word in its sentence
    /// or a counter-speech phrase next to it ("woorden als 'kanker' zijn niet normaal", "ze werd
    /// 'mongool' genoemd", "iemand schreef 'kankerschool'. Dat accepteren we niet."), or the only
    /// words between their quotes: the word itself is talked about ("Mijn dochter vroeg wat 'mongool'
    /// betekent", "op het bord staan 'spast' en 'flikker'").
    func isMention(_ tokens: Range<Int>) -> Bool {
        (isQuoted(tokens) && (standsAloneInQuotes(tokens) || counterSpeechNear(tokens, anywhereInSentence: true))) || isSelfNamed(tokens)
    }

    /// Whether a quotation mark stands right before the first word and right after the last.
    private func standsAloneInQuotes(_ tokens: Range<Int>) -> Bool {
        let before = text.tokens[tokens.lowerBound].folded.lowerBound - 1
        let after = text.tokens[tokens.upperBound - 1].folded.upperBound
        return before >= 0 && after < text.folded.count && Self.isQuote(text.folded[before])
            && Self.isQuote(text.folded[after])
    }

    private func counterSpeechNear(_ tokens: Range<Int>, anywhereInSentence: Bool = false) -> Bool {
        let sentence = text.tokens[tokens.lowerBound].sentence
        // "Die reactie dat Turken terug moeten is discriminatie": judged after the words, in their
        // sentence or the next.
        if let rejected = engine.classIDs["@" + Self.statementRejectedClass] {
            for index in tokens.upperBound..<text.tokens.count {
                let other = text.tokens[index].sentence
                if other > sentence + 1 { break }
                if classes.contains(rejected, at: index) { return true }
            }
        }
        if let counter = engine.classIDs["@" + Self.counterSpeechClass] {
            for index in text.tokens.indices {
                let other = text.tokens[index].sentence
                guard abs(other - sentence) <= 1 else { continue }
                var near = false
                // "Eerlijk gezegd dat …" is the writer's own opinion, not a report.
                if index > 0, text.tokens[index].canonical == "gezegd", Self.hedges.contains(text.tokens[index - 1].canonical) { continue }
                // "Mag ik zeggen dat …", "ik zeg het maar", "ik durf te beweren": the writer says it, now.
                if Self.ownSaying.contains(text.tokens[index].canonical),
                    (max(0, index - 3)..<index).contains(where: { text.tokens[$0].canonical == "ik" })
                {
                    continue
                }
                classes.table.forEach(at: index) { occurrence in
                    guard occurrence.wordClass == counter else { return }
                    // A phrase that ends in "dat" ("ik lees dat", "er stond dat") reports the clause
                    // after it, in its own sentence: "In de nieuwsbrief stond dat er een knutselmiddag
                    // komt. Dat soort mensen vind ik walgelijk."
                    let isPhrase = Int(occurrence.end) - index >= 2 && text.tokens[Int(occurrence.end) - 1].key != "dat"
                    if (abs(other - sentence) == 1 && isPhrase) || (other == sentence && (anywhereInSentence || index < tokens.lowerBound))
                    {
                        near = true
                    }
                }
                if near { return true }
            }
        }
        return false
    }

    /// Inside quotation marks: an odd number of double quotes between the sentence's start and the
    /// match, or a single quote opened (after a space, a colon or a bracket) and not yet closed. An
    /// apostrophe inside a word ("homo's") is neither.
    /// Quotation marks: double ones come in pairs; a single one opens after a space and closes
    /// before a non-letter (an apostrophe inside a word, "zo'n", is neither).
    /// " “ ” „ « » (a switch, not a set: the quotation tests read every character of many posts).
    static func isDoubleQuote(_ value: UInt32) -> Bool {
        switch value {
        case 0x22, 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: true
        default: false
        }
    }
    /// ' ‘ ’
    static func isSingleQuote(_ value: UInt32) -> Bool { value == 0x27 || value == 0x2018 || value == 0x2019 }
    static func isQuote(_ value: UInt32) -> Bool { isSingleQuote(value) || isDoubleQuote(value) }

    private func isQuoted(_ tokens: Range<Int>) -> Bool {
        let sentence = text.tokens[tokens.lowerBound].sentence
        let first = text.tokens.firstIndex { $0.sentence == sentence } ?? tokens.lowerBound
        let start = first == 0 ? 0 : text.tokens[first - 1].folded.upperBound
        let end = text.tokens[tokens.lowerBound].folded.lowerBound
        guard start < end else { return false }
        var doubleCount = 0, singleOpen = 0
        for index in start..<end {
            let value = text.folded[index]
            if Self.isDoubleQuote(value) { doubleCount += 1 }
            guard Self.isSingleQuote(value) else { continue }
            let previous = index > 0 ? text.folded[index - 1] : 0x20
            if [0x20, 0x0A, 0x09, 0x3A, 0x28].contains(previous) {
                singleOpen += 1
            } else if singleOpen > 0, index + 1 >= text.folded.count || !Tokenizer.isLetter(text.folded[index + 1]) {
                singleOpen -= 1
            }
        }
        return doubleCount % 2 == 1 || singleOpen > 0
    }
}
