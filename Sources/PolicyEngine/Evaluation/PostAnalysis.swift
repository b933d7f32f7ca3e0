/// Everything about one post that several rules read: its words, the word-list matches and the pupil
/// names, computed once per post.
final class PostAnalysis {
    let post: Post
    let context: PreparedContext
    /// The words the rules read: run-together words are taken apart.
    let text: AnalyzedText
    /// The words as written (the spelling check reads these: "ditis" is a misspelling).
    let writtenText: AnalyzedText
    let names: [NameHit]
    /// The pupils the caller may see; nil: all.
    let visiblePupils: Set<String>?
    private let matchesByRule: [Int: [Range<Int>]]
    private let exceptionsByRule: [Int: [Range<Int>]]
    private let packExceptions: [Range<Int>]
    /// Sentences that name a pupil or refer to one.
    private let pupilSentences: Set<Int>
    /// Sentences with a word for a family's or a child's private situation (`confidential-topic`).
    let confidentialSentences: Set<Int>
    /// Word-list matches that are only mentioned, quoted in a sentence that reports or rejects them.
    private let mentions: [Range<Int>]
    /// Pattern rule (index in the pack) → what its patterns found, guards applied.
    let patternHits: [Int: [Hit]]
    /// The school's own words the spelling check accepts (folded).
    let engineAccepted: Set<String>

    init(post: Post, engine: Engine, context: PreparedContext, visiblePupils: Set<String>? = nil) {
        self.post = post
        self.visiblePupils = visiblePupils
        engineAccepted = engine.spellingAccepted
        self.context = context
        let written = AnalyzedText(post.text)
        writtenText = written
        let text = engine.runTogether?.split(written) ?? written
        self.text = text
        var matches: [Int: [Range<Int>]] = [:]
        var exceptions: [Int: [Range<Int>]] = [:]
        var packExceptions: [Range<Int>] = []
        var sentences: Set<Int> = []
        var classes = WordClasses(engine: engine, tokenCount: text.tokens.count)
        var splitFirsts: [(entry: Int32, tokens: Range<Int>)] = []
        var splitSeconds: [(entry: Int32, tokens: Range<Int>)] = []
        for match in engine.automaton.matches(in: text.tokens) {
            switch engine.owners[match.pattern] {
            case .term(let rule): matches[rule, default: []].append(match.tokens)
            case .exception(let rule): exceptions[rule, default: []].append(match.tokens)
            case .packException: packExceptions.append(match.tokens)
            case .pupilReference:
                sentences.insert(text.tokens[match.tokens.lowerBound].sentence)
                classes.add(.pupil, match.tokens)
            case .wordClass(let id):
                // "Juf Sanne", "meester Daan": a first name after a title is an adult's.
                if id == engine.firstNameClassID, NameFinder.followsTitle(match.tokens.lowerBound, in: text) { continue }
                classes.add(id, match.tokens)
            case .splitFirst(let entry): splitFirsts.append((entry, match.tokens))
            // A second part counts only after a first ("over", "op" and "aan" are everywhere).
            case .splitSecond(let entry): if !splitFirsts.isEmpty { splitSeconds.append((entry, match.tokens)) }
            }
        }
        if !splitFirsts.isEmpty, !splitSeconds.isEmpty {
            let found = SplitEntries.occurrences(
                firsts: splitFirsts, seconds: splitSeconds, text: text, entries: engine.splitEntries.entries)
            for occurrence in found {
                if occurrence.wordClass == SplitEntries.packException {
                    packExceptions.append(occurrence.tokens)
                } else {
                    classes.add(occurrence.wordClass, occurrence.tokens)
                }
            }
        }
        // A name inside one of the pack's innocent phrases is a character, not the pupil ("Romeo en
        // Julia", "het evangelie volgens Lucas"), and so is a name from a story ("de Sara uit het
        // bijbelverhaal", "Finn uit het voorleesboek").
        let names = NameFinder(context: context, ambiguousNames: engine.pack.ambiguousNames).hits(in: text)
            .filter { name in !packExceptions.contains { $0.overlaps(name.tokens) } }
            .filter { name in engine.storyClassID.map { !Self.isCharacter(name.tokens, in: text, classes: classes, story: $0) } ?? true }
        self.names = names
        sentences.formUnion(names.map { text.tokens[$0.tokens.lowerBound].sentence })
        if classes.isActive {
            for name in names { classes.add(.pupil, name.tokens) }
            if !engine.joinedPhrases.isEmpty {
                let tokens = text.tokens
                for index in tokens.indices where tokens[index].keyLength >= JoinedPhrases.minimumLength {
                    for id in engine.joinedPhrases.classes(in: tokens[index].canonical) { classes.add(id, index..<index + 1) }
                }
            }
            if let forms = engine.wordForms {
                for (index, token) in text.tokens.enumerated() where !token.isNumber && token.keyLength >= WordForms.minimumLength {
                    guard classes.isEmpty(at: index) else { continue }
                    let found = forms.classes(of: token.canonical)
                    // A capital inside a sentence makes a name: "de Geeren", a part of Breda, is no
                    // misspelt *geweren*. Of the names, only a people's, a party's or a faith's is a
                    // misspelt list word (*Marrokanen*).
                    let isName = found.misspelt && token.isCapitalized && !token.startsSentence
                    for id in found.classes where !isName || engine.nameClassIDs.contains(id) {
                        if id >= Engine.termRuleBase {
                            // A word-list rule's word, misspelt: a match of that rule (never a name: the
                            // loop keeps only name classes for a name).
                            let rule = Int(id - Engine.termRuleBase)
                            if !(matches[rule] ?? []).contains(where: { $0.contains(index) }) {
                                matches[rule, default: []].append(index..<index + 1)
                            }
                            continue
                        }
                        classes.add(id, index..<index + 1)
                    }
                }
            }
            classes.addNumbersAndPrices(text)
            if let description = engine.pupilDescriptionClassID { classes.addChildDescriptions(text, as: description) }
            if !engine.emojiClasses.isEmpty { classes.addEmoji(text, engine.emojiClasses) }
            classes.addScareQuotes(text, euphemism: engine.euphemismClassID)
            if let group = engine.groupClassID, !engine.groupReferences.isEmpty {
                classes.addGroupCompounds(text, group: group, engine.groupReferences)
                classes.addPronounReferences(
                    text, antecedents: [group], pronouns: GroupReferences.pronouns, as: group,
                    withinSentence: GroupReferences.pronouns, conjunctions: GroupReferences.clauseConjunctions)
            }
            if let pupil = engine.builtinClassIDs[.pupil] {
                classes.addPronounReferences(
                    text, antecedents: engine.pupilAntecedentClassIDs, pronouns: GroupReferences.pupilPronouns, as: pupil,
                    withinSentence: GroupReferences.pupilPronounsWithinSentence, reach: GroupReferences.pupilPronounReach)
            }
        }
        matchesByRule = matches
        exceptionsByRule = exceptions
        // Read only by the individual-child check, for a pupil named as "<relative> van <name>".
        let namesRelative = names.contains { ContextChecks.namesRelative($0.tokens, in: text) }
        confidentialSentences =
            namesRelative
            ? engine.confidentialTopicClassID.map { id in
                Set(text.tokens.indices.filter { classes.contains(id, at: $0) }.map { text.tokens[$0].sentence })
            } ?? [] : []
        self.packExceptions = packExceptions
        pupilSentences = sentences
        let patterns = PatternHits(engine: engine, text: text, classes: classes, packExceptions: packExceptions)
        patternHits = classes.isActive ? patterns.hits() : [:]
        mentions = classes.isActive ? matches.values.joined().filter { patterns.isMention($0) } : []
    }

    func termHits(rule: Int, near: NearCondition?) -> [Hit] {
        guard let matches = matchesByRule[rule] else { return [] }
        let exceptions = (exceptionsByRule[rule] ?? []) + packExceptions + mentions
        return
            matches
            .filter { match in !exceptions.contains { $0.overlaps(match) } }
            .filter { near == nil || pupilSentences.contains(text.tokens[$0.lowerBound].sentence) }
            .map { Hit(spans: [Span(start: text.tokens[$0.lowerBound].span.start, end: text.tokens[$0.upperBound - 1].span.end)]) }
    }

    /// Whether the name is a character of a story: followed by "uit het/de" and a story word ("Finn
    /// uit het voorleesboek"), or given as a name in a sentence about a story ("in het voorleesboek
    /// heette de hoofdpersoon ook Finn", "Jezus heet in de Koran Isa").
    static func isCharacter(_ name: Range<Int>, in text: AnalyzedText, classes: WordClasses, story: Int32) -> Bool {
        let tokens = text.tokens
        let index = name.upperBound
        if index + 2 < tokens.count, tokens[index].canonical == "uit", ["het", "de", "een"].contains(tokens[index + 1].canonical) {
            return classes.contains(story, at: index + 2)
        }
        let sentence = tokens[name.lowerBound].sentence
        let naming = tokens[max(0, name.lowerBound - 4)..<name.lowerBound].contains {
            $0.sentence == sentence && Self.namingWords.contains($0.canonical)
        }
        guard naming else { return false }
        return tokens.indices.contains { tokens[$0].sentence == sentence && !name.contains($0) && classes.contains(story, at: $0) }
    }

    private static let namingWords: Set<String> = ["naam", "heet", "heette", "heetten", "heten", "genaamd", "noemde", "noemden"]

    /// Whether a finding may name this pupil to the caller.
    func mayShow(_ pupil: String) -> Bool { visiblePupils?.contains(pupil) ?? true }

    func span(of tokens: Range<Int>) -> Span {
        Span(start: text.tokens[tokens.lowerBound].span.start, end: text.tokens[tokens.upperBound - 1].span.end)
    }
}
