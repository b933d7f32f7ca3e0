/// Seed 004: posts are written in correct Dutch. Lists misspelt words with Hunspell's suggestions,
/// leaving alone what a dictionary cannot know: names of pupils, staff, parents and the school,
/// words written with a capital inside a sentence (names of places and things), abbreviations in
/// capitals, numbers, web and e-mail addresses, and the school's own words (the `spelling-accept`
/// word class, which a school extends in its override file).
struct SpellingCheck {
    let analysis: PostAnalysis
    let checker: SpellChecker?
    let accepted: Set<String>
    /// Flag only the mistakes grammar proves (a d/t slip of a verb, `verbSlip`; a verb without its t
    /// after hij/zij or before a passive participle; a school compound written apart), nothing else:
    /// parents' comments are full of chat spelling and disguised words that are no mistakes to correct.
    var verbSlipsOnly = false

    /// The first this many misspelt words of a post get suggestions (a few hundred set lookups each).
    static let maxSuggested = 10
    /// Words not seen before cost Hunspell lookups (up to milliseconds for a long made-up word): a post
    /// gets at most this many; the rest of a flood of made-up words is left unchecked.
    static let maxNewWords = 30

    func run() -> RuleOutcome {
        guard let checker else {
            return .skipped(
                reason: LocalizedText(
                    nl: "het Nederlandse woordenboek (hunspell-nl) is niet geïnstalleerd, dus de spelling is niet gecontroleerd",
                    en: "the Dutch dictionary (hunspell-nl) is not installed, so spelling was not checked"))
        }
        let text = analysis.writtenText
        let names = analysis.context.nameWords
        // Most words are known Dutch and need no address check: find the addresses on first need.
        var addresses: [Range<Int>]?
        // A quotation is someone else's words ("I'm dying to know", a pupil's own spelling): the
        // check reads the writer's prose. Found when a word is about to be flagged.
        var quotations: [Range<Int>]?
        var hits: [Hit] = []
        var suggested = 0
        var newWords = 0
        // Words that may be a participle without its d/t, gathered on the way (cheap tests only).
        var participleCandidates: [Int] = []
        // Words that may open a compound written as two words ("knutsel les"), gathered on the way.
        var compoundCandidates: [Int] = []
        // er/hier/daar/waar and separable particles, which may be written apart from their word.
        var splitCandidates: [Int] = []
        // "word" before a participle: the passive of any subject but ik wants "wordt".
        var wordCandidates: [Int] = []
        // "we" after its verb: "na de vakantie start we" wants "starten we".
        var weCandidates: [Int] = []
        // A word after "te": "om de vergadering te verplaatsten" wants the infinitive.
        var teCandidates: [Int] = []
        // A word right after hij or zij: "hij denk" wants "denkt".
        var subjectCandidates: [Int] = []
        // Articles and possessives, after which a compound may be written apart ("de foto map").
        var openerIndices: [Int] = []
        let openers = Self.nounPhraseOpenerWords
        let firstParts = Self.firstParts
        let splitOpeners = Self.splitOpeners
        let tokens = text.tokens
        // The fields are read in place: most words are settled before the token is copied.
        for index in tokens.indices {
            let key = tokens[index].key, keyLength = tokens[index].keyLength
            if let first = key.utf8.first {
                if index > 0, keyLength >= 5, Self.mayOpenPrefix(first) { participleCandidates.append(index) }
                if firstParts.mayHold(length: keyLength, first: first), firstParts.contains(key) {
                    compoundCandidates.append(index)
                }
                if splitOpeners.mayHold(length: keyLength, first: first), splitOpeners.contains(key) {
                    splitCandidates.append(index)
                }
                if first == 0x77, keyLength == 4, key == "word" { wordCandidates.append(index) }
                if first == 0x77, index > 0, keyLength <= 3, key == "we" || key == "wij" { weCandidates.append(index) }
                if index > 0, keyLength >= 7, tokens[index - 1].keyLength == 2, tokens[index - 1].key == "te",
                    key.hasSuffix("ten") || key.hasSuffix("den")
                {
                    teCandidates.append(index)
                }
                if openers.mayHold(length: keyLength, first: first), openers.contains(key) { openerIndices.append(index) }
                // After "hij" or "zij" (tested by length and letters, not hashed: this runs for every word).
                if index > 0, keyLength >= 3, tokens[index - 1].keyLength == 3, Self.isHijOrZij(tokens[index - 1].key) {
                    subjectCandidates.append(index)
                }
            }
            guard keyLength >= 2, !tokens[index].isNumber else { continue }
            // A d/t slip ends in d or t: in that mode no other word needs a dictionary lookup.
            if verbSlipsOnly, let last = key.utf8.last, last != 0x64, last != 0x74 { continue }
            if tokens[index].isCapitalized && !tokens[index].startsSentence { continue }
            // A capitalised first part of a hyphenated word is a name ("Cluedo-ochtend", "Jumbo-actie").
            if tokens[index].isCapitalized, Self.isHyphenated(tokens[index], in: text) { continue }
            // The commonest case first, without building the word: its folded form is known Dutch, and
            // then so is the word (the check below accepts it through that form).
            if checker.knownVerdict(key) == true { continue }
            let token = tokens[index]
            if Self.holdsDigit(token.key) || names.contains(token.key) || accepted.contains(token.key) { continue }
            let ranges = addresses ?? Self.addressRanges(text.original)
            addresses = ranges
            if ranges.contains(where: { $0.contains(token.span.start) }) { continue }
            let word = text.originalText(token.span)
            if word.count > 1, !word.unicodeScalars.contains(where: Self.isLowercase) { continue }
            // A capital inside the word is a name or a brand ("HuZes", "iPad", "WhatsApp").
            if word.unicodeScalars.dropFirst().contains(where: Self.isUppercase) { continue }
            // Dotted abbreviations ("v.d.", "o.a.", "i.v.m.") are not dictionary words.
            if word.unicodeScalars.contains(".") { continue }
            // A censored word ("k*t") is not misspelt: its rules see it.
            if word.unicodeScalars.contains("*") { continue }
            // A word fragment under discussion ("-heid", "'sch'") is not a word of the post.
            if Self.isFragment(token, in: text) { continue }
            if checker.knownVerdict(word) == nil {
                newWords += 1
                if newWords > Self.maxNewWords { break }
            }
            // "Eén" is how "één" is capitalised: a word that is right without its accents passes.
            guard !checker.isCorrect(word), !checker.isCorrect(word.lowercased()), !checker.isCorrect(token.key) else { continue }
            let quoted = quotations ?? Self.quotedRanges(text.original)
            quotations = quoted
            if quoted.contains(where: { $0.contains(token.span.start) }) { continue }
            if verbSlipsOnly {
                if let fix = Self.verbSlip(token.key, checker: checker) {
                    let detail = "'\(word)' → \(fix)"
                    hits.append(Hit(spans: [token.span], detail: LocalizedText(nl: detail, en: detail)))
                }
                continue
            }
            var detail = "'\(word)'"
            if suggested < Self.maxSuggested, word.count <= SpellChecker.longestCompound {
                suggested += 1
                let options = checker.suggestions(word)
                if !options.isEmpty { detail += " → " + options.joined(separator: ", ") }
            }
            hits.append(Hit(spans: [token.span], detail: LocalizedText(nl: detail, en: detail)))
        }
        if verbSlipsOnly {
            // Also the two mistakes the dictionary proves beyond doubt: a school compound written
            // apart ("gym les") and a verb without its t after hij/zij ("hij denk").
            if !compoundCandidates.isEmpty { hits += splitCompoundHits(at: compoundCandidates, in: text, checker: checker) }
            if !subjectCandidates.isEmpty { hits += missingTHits(at: subjectCandidates, in: text, checker: checker) }
            if !wordCandidates.isEmpty { hits += passiveWordHits(at: wordCandidates, in: text, checker: checker) }
            return hits.isEmpty ? .none : .found(hits)
        }
        if !subjectCandidates.isEmpty { hits += missingTHits(at: subjectCandidates, in: text, checker: checker) }
        if !participleCandidates.isEmpty { hits += participleHits(at: participleCandidates, in: text, checker: checker) }
        if !compoundCandidates.isEmpty { hits += splitCompoundHits(at: compoundCandidates, in: text, checker: checker) }
        if !openerIndices.isEmpty {
            hits += listedCompoundHits(
                after: openerIndices, in: text, checker: checker, skipping: Set(hits.compactMap { $0.spans.first?.start }))
        }
        if !splitCandidates.isEmpty { hits += splitWordHits(at: splitCandidates, in: text, checker: checker) }
        if !wordCandidates.isEmpty { hits += passiveWordHits(at: wordCandidates, in: text, checker: checker) }
        if !weCandidates.isEmpty { hits += pluralVerbHits(at: weCandidates, in: text, checker: checker) }
        if !teCandidates.isEmpty { hits += infinitiveHits(at: teCandidates, in: text, checker: checker) }
        return hits.isEmpty ? .none : .found(hits)
    }

    /// First parts of the school's compounds, which Dutch writes as one word with their head.
    static let compoundFirstParts: Set<String> = [
        "knutsel", "gym", "reken", "taal", "zwem", "voorlees", "muziek", "spelling", "huiswerk", "school", "sport", "speel",
        "kerst", "paas", "sinterklaas", "klassen", "verjaardags", "pauze", "fruit", "excursie", "project", "thema", "dans",
        "toneel", "kring", "ouder", "spreekbeurt", "boekbespreking", "lente", "herfst", "winter", "zomer", "avondvier",
    ]
    /// Heads those first parts take ("les", "dag", "map" …).
    static let compoundHeads: Set<String> = [
        "les", "lessen", "dag", "dagen", "middag", "ochtend", "avond", "week", "reis", "reisje", "uitje", "map", "mappen", "boek",
        "boeken", "tas", "tassen", "plein", "kamp", "feest", "feestje", "viering", "ontbijt", "lunch", "gesprek", "gesprekken",
        "rapport", "toets", "toetsen", "lokaal", "spullen", "kleding", "schrift", "schriften", "hoek", "tijd", "rooster", "brief",
        "materiaal", "markt", "musical", "vakantie", "juf", "meester", "groep", "team", "diploma", "bad",
    ]

    /// The two lists as byte strings by length and first letter: this test runs for every word of a
    /// staff post, and a set lookup hashed every word (about 4 µs of a post's 48 in `moderate bench`).
    static let firstParts = WordsByLength(compoundFirstParts)
    static let heads = WordsByLength(compoundHeads)

    struct WordsByLength {
        /// The words by length and first letter (a–z, then one bucket for any other first byte): a
        /// lookup compares the word with the one or two listed words of its length and first letter.
        private let buckets: [[[UInt8]]]
        private let lengths: Int
        /// Per length, a bit for each letter a–z that a listed word of that length starts with.
        private let firstLetters: [UInt32]

        init(_ words: Set<String>) {
            let count = (words.map(\.utf8.count).max() ?? 0) + 1
            var buckets = Array(repeating: [[UInt8]](), count: count * 27)
            var firstLetters = Array(repeating: UInt32(0), count: count)
            for word in words {
                let bytes = Array(word.utf8)
                guard let first = bytes.first else { continue }
                buckets[bytes.count * 27 + Self.bucket(first)].append(bytes)
                if (0x61...0x7A).contains(first) { firstLetters[bytes.count] |= 1 << UInt32(first - 0x61) }
            }
            self.buckets = buckets
            self.lengths = count
            self.firstLetters = firstLetters
        }

        private static func bucket(_ first: UInt8) -> Int { (0x61...0x7A).contains(first) ? Int(first - 0x61) : 26 }

        /// Whether a word of this length and first letter may be in the list (no string is touched).
        func mayHold(length: Int, first: UInt8) -> Bool {
            length < firstLetters.count && (0x61...0x7A).contains(first) && firstLetters[length] & (1 << UInt32(first - 0x61)) != 0
        }

        func contains(_ key: String) -> Bool {
            let utf8 = key.utf8
            guard utf8.count < lengths, let first = utf8.first else { return false }
            return buckets[utf8.count * 27 + Self.bucket(first)].contains { $0.elementsEqual(utf8) }
        }
    }

    /// Whether a lower-case word follows word `index` after one space, in the same sentence: two
    /// words that may be one written apart ("knutsel les", "mee geven").
    static func nextWordFollows(_ index: Int, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        guard index + 1 < tokens.count else { return false }
        let first = tokens[index], next = tokens[index + 1]
        return first.sentence == next.sentence && !next.isCapitalized && next.span.start == first.span.end + 1
            && text.original[first.span.end] == " "
    }

    /// Whether a gap between two words holds a comma, semicolon or colon: a clause ends there.
    static func breaksClause(_ gap: ArraySlice<UInt32>) -> Bool {
        gap.contains { $0 == 0x2C || $0 == 0x3B || $0 == 0x3A }
    }

    /// Whether the word opens with a participle prefix (ge-, be-, ver-, ont-, her-, er-) and keeps at
    /// least `rest` letters after it.
    static func hasParticiplePrefix(_ key: String, rest: Int = 0) -> Bool {
        let bytes = key.utf8
        return participlePrefixes.contains { bytes.starts(with: $0.utf8) && bytes.count - $0.utf8.count >= rest }
    }

    /// A compound written as two words ("knutsel les", "gym tas", "ouder avond"): a first part of a
    /// school compound right before one of its heads, one space apart in one sentence, where the two
    /// written together are correct Dutch. Only listed parts count: "lees boek 3" is an order.
    func splitCompoundHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for index in candidates where index + 1 < tokens.count {
            let first = tokens[index], head = tokens[index + 1]
            guard Self.heads.contains(head.key), Self.nextWordFollows(index, in: text) else { continue }
            let joined = first.key + head.key
            guard checker.isCorrect(joined) else { continue }
            let written = text.originalText(first.span) + " " + text.originalText(head.span)
            let detail = "'\(written)' → \(text.originalText(first.span))\(head.key)"
            hits.append(Hit(spans: [Span(start: first.span.start, end: head.span.end)], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// A compound written as two words that OpenTaal lists as one: "de fiets in de fietsen stalling",
    /// "de foto map", "het pest protocol". Two lower-case words of three letters or more, one space
    /// apart in one sentence, neither a function word, whose joined form is in OpenTaal's word list
    /// (a set lookup). Pairs that are right apart though they join into a word are kept out by the
    /// function words (*te veel*, *al tijd*, *een maal*) and by a first word that is an adjective
    /// with its *-e* (*rode kool*); the school's compounds (`compoundFirstParts`) are found above.
    func listedCompoundHits(after openerIndices: [Int], in text: AnalyzedText, checker: SpellChecker, skipping flagged: Set<Int>) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        let apart = Self.apartWordList
        // By index, not by a copy of the token.
        func isListed(_ index: Int, in list: WordsByLength) -> Bool {
            guard let byte = tokens[index].key.utf8.first else { return false }
            return list.mayHold(length: tokens[index].keyLength, first: byte) && list.contains(tokens[index].key)
        }
        // The word right after an article or possessive, or after one and an adjective with its -e.
        var candidates: [Int] = []
        for opener in openerIndices where opener + 2 < tokens.count && tokens[opener + 1].sentence == tokens[opener].sentence {
            candidates.append(opener + 1)
            if tokens[opener + 1].key.hasSuffix("e"), !isListed(opener + 1, in: apart), opener + 3 < tokens.count,
                tokens[opener + 2].sentence == tokens[opener].sentence
            {
                candidates.append(opener + 2)
            }
        }
        var lastFlagged = -1
        for index in candidates where index > lastFlagged && !openerIndices.contains(index) {
            if tokens[index].isCapitalized, tokens[index].keyLength <= 5,
                let hit = abbreviationCompoundHit(at: index, in: text, checker: checker)
            {
                hits.append(hit)
                lastFlagged = index + 1
                continue
            }
            guard tokens[index].keyLength >= 3, tokens[index + 1].keyLength >= 3, !tokens[index].isNumber, !tokens[index + 1].isNumber,
                !tokens[index].isCapitalized || tokens[index].startsSentence,
                Self.nextWordFollows(index, in: text), !isListed(index, in: apart), !isListed(index + 1, in: apart)
            else { continue }
            let first = tokens[index], head = tokens[index + 1]
            guard !flagged.contains(first.span.start) else { continue }
            let joined = first.key + head.key
            guard checker.isListed(joined) else { continue }
            // An adjective with its -e before its noun ("rode kool", "hele dag") stays apart.
            if first.key.hasSuffix("e"), checker.stems(first.key).contains(where: { $0 != first.key && first.key.hasPrefix($0.prefix(2)) })
            {
                continue
            }
            // A verb after its object is no compound's head: "die het feest viert", "het woord gebruik
            // je niet", "ik heb het goed gedaan" (Hunspell gives a verb form its infinitive).
            if Self.isVerbForm(head.key, checker: checker) { continue }
            let written = text.originalText(first.span) + " " + text.originalText(head.span)
            let detail = "'\(written)' → \(text.originalText(first.span))\(head.key)"
            hits.append(Hit(spans: [Span(start: first.span.start, end: head.span.end)], detail: LocalizedText(nl: detail, en: detail)))
            lastFlagged = index + 1
        }
        return hits
    }

    /// An abbreviation joins the noun after it with a hyphen: "de volgende MR vergadering" is a
    /// *MR-vergadering*, "de ICT lessen" *ICT-lessen*. The abbreviation (one of the school's) opens a
    /// noun phrase (`listedCompoundHits` calls this only right after an article or possessive), and
    /// the word after it is a Dutch word of four letters or more that is no verb ("de MR vergadert")
    /// and no function word ("de MR vandaag").
    func abbreviationCompoundHit(at index: Int, in text: AnalyzedText, checker: SpellChecker) -> Hit? {
        let tokens = text.tokens
        let first = tokens[index], head = tokens[index + 1]
        guard (2...5).contains(first.keyLength), first.isCapitalized, head.keyLength >= 4, !head.isNumber else { return nil }
        let written = text.originalText(first.span)
        guard Self.schoolAbbreviations.contains(written), Self.nextWordFollows(index, in: text), !Self.apartWords.contains(head.key),
            checker.isCorrect(head.key), !Self.isVerbForm(head.key, checker: checker),
            // A verb's stem with *ik* left out ("namens de MR bedank ik …"): its -t form is a word.
            !checker.isListed(head.key + "t")
        else { return nil }
        let detail = "'\(written) \(text.originalText(head.span))' → \(written)-\(head.key)"
        return Hit(spans: [Span(start: first.span.start, end: head.span.end)], detail: LocalizedText(nl: detail, en: detail))
    }

    /// The school's own abbreviations; an organisation's name ("KWF Kankerbestrijding") is not
    /// a compound.
    static let schoolAbbreviations: Set<String> = [
        "MR", "GMR", "OR", "ICT", "BSO", "TSO", "NSO", "VSO", "IB", "AVG", "MT", "SBO", "CJG", "LVS", "OPP", "SOP", "IEP",
    ]

    /// Words that open a noun phrase: a compound written apart stands right after one, or after one
    /// and an adjective with its -e ("de nieuwe speel toestellen").
    static let nounPhraseOpeners: Set<String> = [
        "de", "het", "een", "deze", "die", "dit", "dat", "onze", "ons", "uw", "jullie", "hun", "mijn", "zijn", "haar", "elke", "iedere",
        "alle", "welke", "geen", "veel", "enkele", "sommige",
    ]

    static let nounPhraseOpenerWords = WordsByLength(nounPhraseOpeners)
    static let apartWordList = WordsByLength(apartWords)

    /// Subjects whose present tense takes a t. Left out: "het" ("het werk" is an article and a noun),
    /// and "ze" and "u", which are also objects ("ik geef ze werk").
    static func isHijOrZij(_ word: String) -> Bool { word == "hij" || word == "zij" }
    /// Verbs whose present tense has no t after hij or zij.
    static let bareThirdPerson: Set<String> = ["kan", "kun", "zal", "wil", "mag", "ben", "was", "had", "kon", "zou", "mocht", "moest"]

    /// A verb stem right after hij or zij opening a clause, that lacks its t: "hij denk" → "denkt", "zij
    /// werk" → "werkt", "hij heb" → "heeft". The word must be the present stem of a verb whose infinitive
    /// is the stem plus -en (with the usual doubling, "stop" → "stoppen", or undoubling, "loop" →
    /// "lopen"), and Hunspell must derive the t-form from that verb, so a past tense ("hij kwam") or a
    /// modal ("hij kan") does not count; "denk je" after it is a question to someone else and passes.
    func missingTHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        // Someone else's words (a song, a pupil's sentence) are not the writer's grammar.
        var quotations: [Range<Int>]?
        for index in candidates {
            let token = tokens[index]
            let key = token.key
            guard token.sentence == tokens[index - 1].sentence, !token.isCapitalized,
                !text.between(index - 1, index).contains(where: { $0 != 0x20 }), !Self.bareThirdPerson.contains(key),
                let last = key.last, last != "t", last != "d", key.utf8.allSatisfy({ (0x61...0x7A).contains($0) })
            else { continue }
            // Only a pronoun that opens its clause is the subject before its verb: in "als hij mijn
            // dochter …" or "dan krijgt hij met mij …" the verb stands elsewhere.
            let subject = index - 1
            guard
                subject == 0 || tokens[subject - 1].sentence != tokens[subject].sentence
                    || Self.breaksClause(text.between(subject - 1, subject))
            else { continue }
            if index + 1 < tokens.count, ["je", "jij", "ik"].contains(tokens[index + 1].key) { continue }
            let quoted = quotations ?? Self.quotedRanges(text.original)
            quotations = quoted
            if quoted.contains(where: { $0.contains(token.span.start) }) { continue }
            var fix: String
            if key == "heb" {
                fix = "heeft"
            } else {
                let infinitives = Self.infinitives(of: key) + [key + String(last) + "en"]
                // OpenTaal lists a verb by its stem or its infinitive; the t-form derives from either.
                guard checker.isCorrect(key), checker.isCorrect(key + "t"), infinitives.contains(where: checker.isListed),
                    checker.stems(key + "t").contains(where: { $0 == key || infinitives.contains($0) })
                else { continue }
                fix = key + "t"
            }
            let subjectWritten = text.originalText(tokens[index - 1].span)
            let written = subjectWritten + " " + text.originalText(token.span)
            fix = subjectWritten + " " + fix
            let detail = "'\(written)' → \(fix)"
            hits.append(
                Hit(spans: [Span(start: tokens[index - 1].span.start, end: token.span.end)], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// The verb form a misspelt word is with its final d and t put right: *klaagd* → *klaagt*,
    /// *gebelt* → *gebeld*, *stondt* → *stond*, *woond* → *woont*. Nil unless the word ends in d or t
    /// and the corrected form is a correct word that reads as a verb.
    static func verbSlip(_ word: String, checker: SpellChecker) -> String? {
        guard word.utf8.count >= 4, let last = word.last, last == "d" || last == "t" else { return nil }
        let stem = word.dropLast()
        var candidates: [String] = []
        if word.hasSuffix("dt") { candidates.append(String(stem)) }
        candidates.append(String(stem) + (last == "d" ? "t" : "d"))
        if last == "d" { candidates.append(word + "t") }
        return candidates.first { checker.isCorrect($0) && isVerbForm($0, checker: checker) }
    }

    /// Whether `word` reads as a verb: Hunspell gives it an infinitive, or it is the -t form or the
    /// infinitive of a regular verb whose other form OpenTaal lists (*viert*/*vieren*, *maakt*/*maken*),
    /// or a common strong verb's present tense.
    static func isVerbForm(_ word: String, checker: SpellChecker) -> Bool {
        if strongPresent.contains(word) { return true }
        if checker.stems(word).contains(where: { $0.hasSuffix("en") && $0 != word }) { return true }
        func stemVariants(_ stem: Substring) -> [String] {
            // "maak" ↔ "mak": a long vowel is written double in a closed syllable only.
            var variants = [String(stem)]
            let letters = Array(stem)
            if letters.count >= 3, letters[letters.count - 2] == letters[letters.count - 3], "aeou".contains(letters[letters.count - 2]) {
                variants.append(String(letters[..<(letters.count - 2)]) + String(letters[(letters.count - 1)...]))
            } else if letters.count >= 2, "aeou".contains(letters[letters.count - 2]) {
                variants.append(
                    String(letters[..<(letters.count - 1)]) + String(letters[letters.count - 2]) + String(letters[letters.count - 1]))
            }
            return variants
        }
        // A participle: ge- up front or after a particle, -d or -t at the end ("ingestemd").
        if word.hasSuffix("d") || word.hasSuffix("t"), let range = word.range(of: "ge"),
            word.distance(from: word.startIndex, to: range.lowerBound) <= 4, word.count >= 6
        {
            return true
        }
        // "stem" ↔ "stemm": a short vowel's consonant is written double before -en.
        func withDoubling(_ stem: Substring) -> [String] {
            var variants = stemVariants(stem)
            if let last = stem.last, !"aeiouy".contains(last) { variants.append(String(stem) + String(last)) }
            if stem.count >= 3, let last = stem.last, stem.dropLast().last == last { variants.append(String(stem.dropLast())) }
            return variants
        }
        if word.hasSuffix("t"), word.count >= 4 {
            // The -t of the ending ("viert") or of the stem ("praat", *praten*).
            let stems = withDoubling(word.dropLast()) + withDoubling(word[...])
            return stems.contains { checker.isListed($0 + "en") && $0 + "en" != word }
        }
        if word.hasSuffix("en"), word.count >= 5 {
            return withDoubling(word.dropLast(2)).contains { checker.isListed($0 + "t") }
        }
        return false
    }

    static let strongPresent: Set<String> = [
        "staat", "gaat", "slaat", "ziet", "doet", "heeft", "komt", "wordt", "krijgt", "geeft", "neemt", "houdt", "loopt", "zit", "ligt",
        "hangt", "leest", "schrijft", "blijft", "vindt", "helpt", "draagt", "vraagt", "geld", "gelden", "valt", "begint",
        // Strong verbs' past tenses, which no rule of endings finds.
        "ontving", "ontvingen", "kreeg", "kregen", "gaf", "gaven", "nam", "namen", "besloot", "besloten", "sprak", "spraken", "koos",
        "kozen", "bleef", "bleven", "liet", "lieten", "ging", "gingen", "kwam", "kwamen", "zag", "zagen", "vond", "vonden", "hield",
        "hielden", "stond", "stonden", "zat", "zaten", "lag", "lagen", "schreef", "schreven", "bood", "boden", "vroeg", "vroegen",
        "wees", "wezen", "deed", "deden", "werd", "werden", "begon", "begonnen", "stemde", "stemden", "sloot", "sloten", "trof",
        "troffen", "droeg", "droegen", "verloor", "verloren", "won", "wonnen", "hielp", "hielpen", "riep", "riepen", "sliep",
    ]

    /// Function words: a pair with one of them is not a compound written apart, though the two may
    /// join into a word (*te veel*, *voor dat*, *over al*, *een maal*, *half uur*).
    static let apartWords: Set<String> = [
        "de", "het", "een", "den", "der", "des", "dit", "dat", "deze", "die", "wat", "wie", "welk", "welke", "zo'n", "zulke",
        "zulk", "ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "jullie", "u", "uw", "mijn", "jouw", "zijn", "haar", "ons",
        "onze", "hun", "hen", "hem", "mij", "me", "zich", "zelf", "elkaar", "iedereen", "niemand", "iemand", "alles", "niets",
        "niks", "iets", "veel", "weinig", "meer", "minder", "meest", "alle", "allen", "elk", "elke", "ieder", "iedere", "geen",
        "enkele", "sommige", "beide", "aan", "op", "in", "uit", "van", "voor", "na", "naar", "bij", "met", "mee", "om", "over",
        "onder", "boven", "door", "tegen", "tot", "toe", "achter", "naast", "tussen", "zonder", "sinds", "vanaf", "tijdens",
        "rond", "rondom", "binnen", "buiten", "langs", "af", "neer", "weg", "terug", "heen", "voorbij", "vooraf", "samen",
        "thuis", "en", "of", "maar", "want", "dus", "als", "dan", "omdat", "doordat", "zodat", "terwijl", "toen", "nadat",
        "voordat", "wanneer", "hoewel", "indien", "tenzij", "te", "er", "hier", "daar", "waar", "nu", "ook", "al", "nog", "wel",
        "niet", "toch", "even", "zeer", "heel", "erg", "echt", "super", "extra", "half", "halve", "zo", "nou", "gewoon", "alleen",
        "vaak", "soms", "altijd", "nooit", "straks", "morgen", "vandaag", "gisteren", "eerst", "daarna", "later", "verder",
        "weer", "is", "was", "waren", "ben", "bent", "heb", "hebt", "heeft", "hebben", "had", "hadden", "wordt", "worden", "werd",
        "werden", "kan", "kunnen", "kon", "moet", "moeten", "mag", "mogen", "zal", "zullen", "zou", "zouden", "wil", "willen",
        "gaat", "gaan", "ging", "komt", "komen", "kwam", "laat", "laten", "doet", "doen", "twee", "drie", "vier", "vijf", "zes",
        "zeven", "acht", "negen", "tien", "elf", "twaalf", "honderd", "duizend", "eens", "keer", "maal", "per", "pas", "net",
        "bijna", "ongeveer", "ruim", "precies", "graag", "liever", "vooral", "meteen", "direct", "zelfs",
    ]

    /// Forms of the modal verbs.
    static let modalVerbs: Set<String> = [
        "willen", "wil", "wilt", "wilde", "wilden", "kunnen", "kan", "kunt", "kon", "konden", "mogen", "mag", "mocht", "mochten",
        "moeten", "moet", "moest", "moesten", "hoeven", "hoeft", "hoefde", "zullen", "zal", "zult", "zou", "zouden",
    ]

    /// Whether `verb` (a finite form) and `particle` make a separable verb: *helpt* + *mee* is
    /// *meehelpen*.
    static func takesParticle(_ verb: String, _ particle: String, checker: SpellChecker) -> Bool {
        guard verb.unicodeScalars.count >= 3 else { return false }
        return checker.stems(verb).contains { checker.isListed(particle + $0) }
    }

    /// Words Dutch writes together with the word after them: *er*, *hier*, *daar* and *waar* with a
    /// preposition (*hierover*, *ervan*), and separable particles with their verb (*meegeven*).
    static let pronominalAdverbs: Set<String> = ["er", "hier", "daar", "waar"]
    static let separableParticles: Set<String> = ["mee", "terug", "weg", "klaar", "los", "langs"]
    static let splitOpeners = WordsByLength(pronominalAdverbs.union(separableParticles))
    /// The prepositions of *erop, hierover, daarmee …* (*met* becomes *mee*).
    static let adverbPrepositions: Set<String> = [
        "aan", "op", "van", "mee", "over", "voor", "bij", "uit", "naar", "in", "door", "om", "tegen", "achter", "onder", "tussen", "toe",
        "na",
    ]
    /// Words after *er + voorzetsel* that close the pronominal adverb without a noun phrase: "ik ben
    /// me er van bewust", "wij kijken er naar uit", "het is er op gericht".
    static let adverbFollowers: Set<String> = [
        "bewust", "blij", "trots", "klaar", "zeker", "overtuigd", "uit", "af", "op", "aan", "toe", "mee", "terug", "is", "was", "zijn",
        "heeft", "hebben", "had", "wordt", "worden", "werd", "kan", "kunnen", "kon", "moet", "moeten", "mag", "mogen", "zal", "zullen",
        "zou", "wil", "willen", "gaat", "gaan", "ging", "komt", "komen", "kwam", "staat", "stond", "zit", "zat", "ligt", "lag", "ziet",
        "zie", "zag", "denk", "denkt", "weet", "weten", "hoort", "houdt", "vindt", "vind", "gericht", "genoeg", "niet", "nog", "wel",
    ]

    /// Words written apart that Dutch writes as one: "wilt u hier aan denken?" (hieraan), "wij zijn
    /// ons er van bewust" (ervan), "wilt u een lunch mee geven?" (meegeven). *er/hier/daar/waar* with a
    /// preposition counts when no noun phrase follows (a verb, an adjective like *bewust*, or the end
    /// of the sentence): "er op de foto" and "hier in de klas" are right as written. A particle counts
    /// when it and the next word are one Dutch word together.
    func splitWordHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for index in candidates where Self.nextWordFollows(index, in: text) {
            let first = tokens[index], second = tokens[index + 1]
            let joined: String
            if Self.pronominalAdverbs.contains(first.key) {
                guard Self.adverbPrepositions.contains(second.key) else { continue }
                let third = index + 2
                let closes =
                    third >= tokens.count || tokens[third].sentence != second.sentence
                    || text.between(index + 1, third).contains { $0 != 0x20 }
                if !closes {
                    let next = tokens[third]
                    let key = next.key
                    let verbLike =
                        Self.adverbFollowers.contains(key)
                        || (next.keyLength >= 5 && key.hasPrefix("ge") && checker.isCorrect(key))
                        || (next.keyLength >= 4 && key.hasSuffix("en") && !next.isCapitalized && checker.stems(key).isEmpty
                            && checker.isCorrect(key))
                    guard verbLike else { continue }
                }
                // "Wie helpt er mee?": *er* after the verb, and the preposition the verb's own particle
                // (*meehelpen*, *meedoen*), which closes the clause where a separable verb puts it.
                if first.key == "er", index > 0, Self.takesParticle(tokens[index - 1].key, second.key, checker: checker) { continue }
                joined = (second.key == "met" ? first.key + "mee" : first.key + second.key)
            } else {
                // "Kinderen die niet mee willen": a particle before a modal verb goes with a verb left
                // unsaid (*meegaan*); Dutch writes it apart.
                if Self.modalVerbs.contains(second.key) { continue }
                guard second.keyLength >= 3, second.key.unicodeScalars.allSatisfy({ (0x61...0x7A).contains($0.value) }) else { continue }
                // After a preposition the particle is a noun or adverb of its own: "op weg helpen".
                if index > 0, Self.adverbPrepositions.contains(tokens[index - 1].key) { continue }
                joined = first.key + second.key
                guard checker.isListed(joined) else { continue }
            }
            let written = text.originalText(first.span) + " " + text.originalText(second.span)
            let detail = "'\(written)' → \(joined)"
            hits.append(Hit(spans: [Span(start: first.span.start, end: second.span.end)], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// *word* as the auxiliary of a passive ("Ook pindakaas op brood word liever niet gezien"): only
    /// *ik* takes the bare stem, before or right after it ("ik word gebeld", "morgen word ik
    /// opgehaald"), and *je/jij* right after it ("word je gebeld?"). Any other subject wants *wordt*.
    /// The participle is a word of the participle prefixes within three words after it.
    func passiveWordHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for index in candidates {
            let sentence = tokens[index].sentence
            if index > 0, tokens[index - 1].sentence == sentence, tokens[index - 1].key == "ik" || tokens[index - 1].key == "k" { continue }
            if index + 1 < tokens.count, tokens[index + 1].sentence == sentence, ["ik", "je", "jij", "k"].contains(tokens[index + 1].key) {
                continue
            }
            // "ik" earlier in the clause ("ik hoop dat ik morgen word gebeld") keeps the stem too.
            if (max(0, index - 4)..<index).contains(where: { tokens[$0].sentence == sentence && tokens[$0].key == "ik" }) { continue }
            let participle = (index + 1..<min(tokens.count, index + 4)).first { position in
                let key = tokens[position].key
                return tokens[position].sentence == sentence && tokens[position].keyLength >= 5
                    && (Self.hasParticiplePrefix(key) || Self.hasParticleAndGe(key))
                    && (key.hasSuffix("d") || key.hasSuffix("t") || key.hasSuffix("en")) && checker.isListed(key)
            }
            guard participle != nil else { continue }
            let written = text.originalText(tokens[index].span)
            let detail = "'\(written)' → \(written)t"
            hits.append(Hit(spans: [tokens[index].span], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// Words that may stand right before *we* without being its verb: conjunctions and pronouns that
    /// open a clause, and adverbs.
    static let beforeWe: Set<String> = [
        "dat", "als", "zodat", "wat", "toen", "waar", "hoe", "omdat", "nu", "zoals", "voordat", "nadat", "die", "tot", "of", "en", "maar",
        "want", "dus", "wanneer", "terwijl", "zodra", "hoewel", "doordat", "sinds", "waarom", "zo", "ook", "dan", "daar", "hier", "nog",
        "al", "wel", "niet", "toch", "even", "samen", "straks", "ja", "nee", "wie", "welke", "zoals", "totdat", "opdat", "indien",
    ]

    /// After *te* comes the infinitive: "om de vergadering te verplaatsten" is the past tense with the
    /// *t* of 't kofschip, and wants *verplaatsen*. The word counts when Hunspell reads it as a form
    /// of its stem (an infinitive such as *te starten* or *te besteden* is its own lemma) and the stem
    /// plus *en* is a verb.
    func infinitiveHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for index in candidates where tokens[index].sentence == tokens[index - 1].sentence {
            let key = tokens[index].key
            let stem = String(key.dropLast(3))
            let infinitive = stem + "en"
            // Hunspell gives a past tense its stem (*verplaatsten* → *verplaats*) and an infinitive
            // none of its own.
            guard checker.stems(key).contains(stem), checker.isListed(infinitive) else { continue }
            let written = text.originalText(tokens[index - 1].span) + " " + text.originalText(tokens[index].span)
            let detail = "'\(written)' → te \(infinitive)"
            hits.append(
                Hit(
                    spans: [Span(start: tokens[index - 1].span.start, end: tokens[index].span.end)],
                    detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// A verb before *we* or *wij* is plural, so it ends in -en or -n: "na de vakantie start we" wants
    /// "starten we", "morgen ga we" "gaan we", "vandaag heb we" "hebben we". The word before counts
    /// when it is no conjunction or adverb and a plural of it is in OpenTaal's list.
    func pluralVerbHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for index in candidates {
            let verb = tokens[index - 1]
            let key = verb.key
            guard verb.sentence == tokens[index].sentence, !verb.isCapitalized || verb.startsSentence, verb.keyLength >= 2,
                key.utf8.allSatisfy({ (0x61...0x7A).contains($0) }), let last = key.last, last != "n",
                !text.between(index - 1, index).contains(where: { $0 != 0x20 }), !Self.beforeWe.contains(key), checker.isListed(key)
            else { continue }
            // start → starten, maak → maken, doe → doen, ga → gaan, heb → hebben (the consonant doubles
            // only after one short vowel: not "startten", the past tense).
            let letters = Array(key)
            let doubles =
                letters.count >= 3 && "aeiou".contains(letters[letters.count - 2]) && !"aeiou".contains(letters[letters.count - 3])
            let plurals = Self.infinitives(of: key) + [key + "n", key + String(last) + "n"] + (doubles ? [key + String(last) + "en"] : [])
            guard let plural = plurals.first(where: checker.isListed) else { continue }
            let written = text.originalText(verb.span) + " " + text.originalText(tokens[index].span)
            let detail = "'\(written)' → \(plural) \(text.originalText(tokens[index].span))"
            hits.append(
                Hit(spans: [Span(start: verb.span.start, end: tokens[index].span.end)], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// The auxiliaries a past participle follows at once in a passive or a verb of motion ("is
    /// verplaatst", "wordt gebeld"). `heeft` is left out: a noun follows it as often ("heeft geluk"),
    /// and so is `zijn`, which is as often "his" ("zijn geloof").
    static let participleAuxiliaries = Set<String>(["is", "ben", "bent", "was", "waren"]).union(passiveAuxiliaries)
    /// *worden*: after it only a participle follows, never a noun ("wordt verstuurd").
    static let passiveAuxiliaries: Set<String> = ["wordt", "worden", "werd", "werden"]
    /// "Er is bezoek", "dit is beleid": after these a form of *zijn* introduces a noun, not a participle.
    static let predicateOpeners: Set<String> = ["er", "het", "dit", "dat", "wat", "die", "deze", "hier", "daar"]
    static let participlePrefixes = ["ge", "be", "ver", "ont", "her", "er"]
    /// A separable verb's participle: the particle, then ge- ("uitgelachen", "opgehaald", "meegenomen").
    static func hasParticleAndGe(_ key: String) -> Bool {
        let bytes = key.utf8
        return participleParticles.contains { particle in
            bytes.starts(with: particle.utf8) && bytes.dropFirst(particle.utf8.count).starts(with: "ge".utf8)
        }
    }
    static let participleParticles = [
        "aan", "af", "bij", "door", "in", "langs", "los", "mee", "na", "neer", "om", "op", "over", "terug", "toe", "uit", "vast", "voor",
        "weg",
    ]
    /// The first letters of the participle prefixes: g, b, v, o, h, e (a switch, not a set: this runs
    /// for every word).
    static func mayOpenPrefix(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x62, 0x65, 0x67, 0x68, 0x6F, 0x76: true
        default: false
        }
    }

    /// The infinitives a verb stem may have: *verplaats* + *en*; a long vowel written once in the open
    /// syllable (*verstuur*, *versturen*); *s* and *f* voiced (*verhuis*, *verhuizen*).
    static func infinitives(of stem: String) -> [String] {
        var letters = Array(stem)
        var forms = [stem + "en"]
        if let last = letters.last, last == "s" || last == "f" {
            letters[letters.count - 1] = last == "s" ? "z" : "v"
            forms.append(String(letters) + "en")
        }
        let count = letters.count
        if count >= 4, letters[count - 2] == letters[count - 3], "aeou".contains(letters[count - 2]) {
            letters.remove(at: count - 2)
            forms.append(String(letters) + "en")
        }
        return forms
    }

    /// A participle without its final d or t is a verb stem, which the dictionary knows: "De
    /// ouderavond is verplaats" (verplaatst), "het is gebeur" (gebeurd). The word after an auxiliary
    /// counts when it opens with a participle prefix, does not end in d or t, is a verb stem (the stem
    /// plus *en* is a word), is no adjective (the stem plus *e* is not a word: "is gelijk", "is bezig",
    /// "is bereikbaar" with *bereikbare*) and the stem plus the ending 't kofschip gives it is in the
    /// dictionary itself.
    func participleHits(at candidates: [Int], in text: AnalyzedText, checker: SpellChecker) -> [Hit] {
        var hits: [Hit] = []
        for index in candidates {
            let token = text.tokens[index]
            if let last = token.key.last, last == "d" || last == "t" {
                if let hit = wrongEndingHit(at: index, in: text, checker: checker) { hits.append(hit) }
                continue
            }
            let auxiliary = text.tokens[index - 1]
            guard auxiliary.keyLength <= 6, Self.participleAuxiliaries.contains(auxiliary.key), auxiliary.sentence == token.sentence else {
                continue
            }
            if index >= 2, !Self.passiveAuxiliaries.contains(auxiliary.key), Self.predicateOpeners.contains(text.tokens[index - 2].key) {
                continue
            }
            // The run loop gathered words of five letters or more only.
            let stem = token.key
            guard let last = stem.last, !token.isCapitalized || token.startsSentence,
                Self.hasParticiplePrefix(stem),
                stem.unicodeScalars.allSatisfy({ (0x61...0x7A).contains($0.value) })
            else { continue }
            let participle = stem + ("skfpx".contains(last) || stem.hasSuffix("ch") ? "t" : "d")
            let forms = Self.infinitives(of: stem)
            guard checker.isCorrect(stem), forms.contains(where: checker.isInDictionary),
                !forms.contains(where: { checker.isInDictionary(String($0.dropLast())) }),
                checker.isInDictionary(participle)
            else { continue }
            let written = text.originalText(auxiliary.span) + " " + text.originalText(token.span)
            let detail = "'\(written)' → \(text.originalText(auxiliary.span)) \(participle)"
            hits.append(Hit(spans: [token.span], detail: LocalizedText(nl: detail, en: detail)))
        }
        return hits
    }

    /// The auxiliaries of the perfect and the passive, whose participle ends the clause ("ik heb de
    /// brief gisteren verstuurd", "het is gebeurd"). *zijn* counts only after a plural pronoun: it is
    /// as often "his".
    static let perfectAuxiliaries: Set<String> = [
        "heb", "hebt", "heeft", "hebben", "had", "hadden", "is", "ben", "bent", "was", "waren", "wordt", "word", "worden", "werd", "werden",
    ]
    static let pluralPronouns: Set<String> = ["we", "wij", "jullie", "ze", "zij"]
    /// Words that open a new clause, whose verb is no longer the auxiliary's participle. *die* and
    /// *dat* open one only when a subject follows ("die de brief", "dat hij"); else they point ("die brief").
    static let clauseOpeners: Set<String> = [
        "als", "omdat", "wanneer", "terwijl", "of", "en", "maar", "want", "wie", "waar", "wat", "toen", "nadat", "voordat", "zodat",
        "hoe", "zodra", "doordat", "tenzij", "hoewel", "dus", "waarom", "sinds", "zolang", "indien", "opdat", "alsof", "welke", "waarin",
        "waarna", "hoeveel",
    ]
    static let subjectStarts: Set<String> = [
        "ik", "je", "jij", "hij", "zij", "ze", "we", "wij", "u", "het", "er", "men", "jullie", "de", "een", "iedereen", "niemand", "iemand",
    ]
    /// A subject right before a verb in the present: "het gebeurd vaak" wants the t of *gebeurt*.
    static let singularSubjects: Set<String> = [
        "hij", "zij", "het", "dat", "dit", "er", "u", "men", "jij", "iemand", "niemand", "iedereen", "wie",
    ]
    /// Verbs a participle leans on at the end of a subordinate clause ("omdat het gebeurd is").
    static let finalAuxiliaries: Set<String> = [
        "is", "was", "zijn", "waren", "wordt", "werd", "worden", "werden", "heeft", "had", "hebben", "hadden", "heb", "hebt", "ben", "bent",
        "kan", "kon", "moet", "moest", "mag", "mocht", "zal", "zou", "wil", "wilde", "te",
    ]

    /// Present tense and participle of a verb with an unstressed prefix differ only in their last
    /// letter (*verstuurt*, *verstuurd*; *gebeurt*, *gebeurd*), and both are words: the dictionary
    /// cannot see the wrong one. The sentence can: after an auxiliary in the same clause the word is
    /// the participle ("ik heb de brief gisteren verstuurt" → verstuurd; "wat is er gebeurt?"), and
    /// right after a singular subject with no auxiliary around it the present ("het gebeurd vaak" →
    /// gebeurt). Which ending the participle takes follows from the verb's stem ('t kofschip, with the
    /// voiced *z* and *v* of *verhuizen*, *beloven* taking a d).
    func wrongEndingHit(at index: Int, in text: AnalyzedText, checker: SpellChecker) -> Hit? {
        let tokens = text.tokens
        let token = tokens[index]
        let key = token.key
        // Cheap tests first, on bytes: this runs for many words of every staff post.
        let bytes = key.utf8
        guard !token.isCapitalized || token.startsSentence, let last = bytes.last, bytes.allSatisfy({ (0x61...0x7A).contains($0) }),
            Self.hasParticiplePrefix(key, rest: 4)
        else { return nil }
        let endsInT = last == 0x74
        // The stem's last letter, before any sentence is read: after t, d, k, p, x or ch the participle
        // ends in t as written ("bedankt", "gezet"), and there is nothing to tell apart.
        let stemBytes = bytes.dropLast()
        guard let stemLastByte = stemBytes.last, !"tdkpx".utf8.contains(stemLastByte),
            !(stemLastByte == 0x68 && stemBytes.dropLast().last == 0x63)
        else { return nil }
        let next = index + 1 < tokens.count && tokens[index + 1].sentence == token.sentence ? index + 1 : nil
        if endsInT {
            // Written as the present, read as the participle: an auxiliary before it in its clause,
            // or one right after it that ends the clause ("omdat het gebeurt is.").
            let closesAfter =
                next.map { next in
                    tokens[next].keyLength <= 6 && Self.finalAuxiliaries.contains(tokens[next].key) && tokens[next].key != "te"
                        && (next + 1 == tokens.count || tokens[next + 1].sentence != token.sentence
                            || Self.breaksClause(text.between(next, next + 1)))
                } ?? false
            guard closesAfter || perfectAuxiliary(before: index, in: text) else { return nil }
        } else {
            // Written as the participle, read as the present: a singular subject right before it and
            // no auxiliary around it.
            guard index > 0, tokens[index - 1].sentence == token.sentence, tokens[index - 1].keyLength <= 8,
                Self.singularSubjects.contains(tokens[index - 1].key), !text.between(index - 1, index).contains(where: { $0 != 0x20 }),
                !(next.map { tokens[$0].keyLength <= 6 && Self.finalAuxiliaries.contains(tokens[$0].key) } ?? false),
                !perfectAuxiliary(before: index, in: text)
            else { return nil }
        }
        let stem = String(key.dropLast())
        let infinitives = Self.infinitives(of: stem)
        guard infinitives.contains(where: checker.isListed) else { return nil }
        // 't kofschip: the stems that take t (k, p, x, ch, t) left above; an s or f takes t too, unless
        // the infinitive voices it (the z of *verhuizen*, the v of *beloven*: *stem + en* is no word).
        if stemBytes.last == 0x73 || stemBytes.last == 0x66, checker.isListed(infinitives[0]) { return nil }
        guard checker.isListed(key), checker.isListed(stem + "d"), checker.isListed(stem + "t") else { return nil }
        let written = text.originalText(token.span)
        let detail = "'\(written)' → \(stem)\(endsInT ? "d" : "t")"
        return Hit(spans: [token.span], detail: LocalizedText(nl: detail, en: detail))
    }

    /// Whether an auxiliary of the perfect or passive stands earlier in the word's clause.
    func perfectAuxiliary(before index: Int, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        var position = index - 1
        while position >= 0, index - position <= 10, tokens[position].sentence == tokens[index].sentence {
            if Self.breaksClause(text.between(position, position + 1)) { return false }
            // Every auxiliary and clause opener has seven letters at most: longer words are not hashed.
            guard tokens[position].keyLength <= 7 else {
                position -= 1
                continue
            }
            let key = tokens[position].key
            if Self.perfectAuxiliaries.contains(key) { return true }
            if key == "zijn", position > 0, Self.pluralPronouns.contains(tokens[position - 1].key) { return true }
            if Self.clauseOpeners.contains(key) { return false }
            if key == "die" || key == "dat", position + 1 < index, Self.subjectStarts.contains(tokens[position + 1].key) { return false }
            position -= 1
        }
        return false
    }

    /// Case tests that read ASCII letters directly: Unicode property lookups were a visible share of
    /// the check.
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    /// Whether a word holds a digit ("3e", "groep8"); reads bytes, and Unicode properties only for
    /// a word outside ASCII (`Character.isNumber` per letter was a tenth of the check's time).
    static func holdsDigit(_ key: String) -> Bool {
        for byte in key.utf8 {
            if (0x30...0x39).contains(byte) { return true }
            if byte >= 0x80 { return key.unicodeScalars.contains { $0.properties.numericType != nil } }
        }
        return false
    }

    /// Whether a hyphen and a letter follow the word directly: it is the first part of a hyphenated word.
    static func isHyphenated(_ token: Token, in text: AnalyzedText) -> Bool {
        let after = token.folded.upperBound
        guard after + 1 < text.folded.count, text.folded[after] == 0x2D else { return false }
        return Tokenizer.isLetter(text.folded[after + 1])
    }

    private static let quotes: Set<Unicode.Scalar> = ["'", "\"", "‘", "’", "“", "”"]

    static func isFragment(_ token: Token, in text: AnalyzedText) -> Bool {
        let before = token.span.start > 0 ? text.original[token.span.start - 1] : " "
        let after = token.span.end < text.original.count ? text.original[token.span.end] : " "
        return before == "-" || (quotes.contains(before) && quotes.contains(after))
    }

    /// The stretches between quotation marks: double ones in pairs, a single one opened after a space,
    /// a bracket or a colon and closed before a non-letter (the apostrophe of "zo'n" is neither).
    static func quotedRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var doubleOpen: Int?
        var singleOpen: Int?
        for index in scalars.indices {
            let value = scalars[index].value
            if PatternHits.isDoubleQuote(value) {
                if let start = doubleOpen {
                    ranges.append(start..<index)
                    doubleOpen = nil
                } else {
                    doubleOpen = index + 1
                }
            } else if PatternHits.isSingleQuote(value) {
                let before = index > 0 ? scalars[index - 1].value : 0x20
                if singleOpen == nil, [0x20, 0x0A, 0x09, 0x28, 0x3A].contains(before) {
                    singleOpen = index + 1
                } else if let start = singleOpen, index + 1 == scalars.count || !scalars[index + 1].properties.isAlphabetic {
                    ranges.append(start..<index)
                    singleOpen = nil
                }
            }
        }
        return ranges
    }

    /// Runs of text that are a web or e-mail address: no spelling there. Scans the scalars once
    /// (no strings are built: this runs for every post).
    static func addressRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        // Every address holds an @, a dot right before a letter ("www.", ".nl") or "http": most
        // posts have none of these, and need no further scan.
        var mayHoldAddress = false
        for index in scalars.indices {
            let value = scalars[index].value
            if value == 0x40 || (value == 0x2E && index + 1 < scalars.count && scalars[index + 1].properties.isAlphabetic)
                || (value | 0x20 == 0x68 && index + 3 < scalars.count && scalars[index + 1].value | 0x20 == 0x74
                    && scalars[index + 2].value | 0x20 == 0x74 && scalars[index + 3].value | 0x20 == 0x70)
            {
                mayHoldAddress = true
                break
            }
        }
        guard mayHoldAddress else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        func lower(_ index: Int) -> UInt32 {
            let value = scalars[index].value
            return (65...90).contains(value) ? value + 32 : value
        }
        func has(_ needle: [UInt32], in range: Range<Int>) -> Bool {
            guard range.count >= needle.count else { return false }
            for offset in range.lowerBound...(range.upperBound - needle.count)
            where (0..<needle.count).allSatisfy({ lower(offset + $0) == needle[$0] }) {
                return true
            }
            return false
        }
        let markers: [[UInt32]] = ["http", "www.", ".nl", ".com"].map { $0.unicodeScalars.map(\.value) }
        func close(_ end: Int) {
            guard start < end else { return }
            let range = start..<end
            if range.contains(where: { scalars[$0] == "@" }) || markers.contains(where: { has($0, in: range) }) {
                ranges.append(range)
            }
        }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 128 ? scalar.value == 32 || (9...13).contains(scalar.value) : scalar.properties.isWhitespace
        }
        for index in scalars.indices where isSpace(scalars[index]) {
            close(index)
            start = index + 1
        }
        close(scalars.count)
        return ranges
    }
}
