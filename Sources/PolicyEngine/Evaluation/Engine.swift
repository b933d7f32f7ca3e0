import Foundation

/// Checks posts against a rule pack. Build one per pack (compiling the word lists is the expensive
/// part), prepare each school context once, then evaluate as many posts as needed, from any thread.
public final class Engine: Sendable {
    enum PatternOwner: Sendable {
        case term(rule: Int)
        case exception(rule: Int)
        case packException
        case pupilReference
        /// A word of a word class (lexicon, or a literal word of a pattern).
        case wordClass(Int32)
        /// The first or second part of a split lexicon entry (see `SplitEntries`).
        case splitFirst(Int32)
        case splitSecond(Int32)
    }

    /// A rule as the evaluation loop sees it: a reference, so walking the rules copies no fields.
    final class RulePlan: Sendable {
        let index: Int
        let rule: Rule
        let detector: (any Detector)?
        let hasPlaceholder: Bool
        /// `requiresFinding` of a pattern rule: it runs after the others.
        let requiredFindings: [Category]
        init(index: Int, rule: Rule) {
            self.index = index
            self.rule = rule
            if case .patterns(let list) = rule.matcher { requiredFindings = list.requiredFindings } else { requiredFindings = [] }
            hasPlaceholder = [rule.message.nl, rule.message.en ?? ""].contains {
                $0.split(separator: "{detail}", omittingEmptySubsequences: false).count > 1
            }
            if case .detector(let kind) = rule.matcher { detector = kind.detector } else { detector = nil }
        }
    }

    public let pack: RulePack
    let automaton: TermAutomaton
    let owners: [PatternOwner]
    let plans: [RulePlan]
    /// Every pattern rule's sentence shapes, over word-class ids.
    let patternAutomaton: PatternAutomaton
    /// "@class" (lexicons and built-ins) and "=word" (literal words of patterns) → class id.
    let classIDs: [String: Int32]
    /// Lexicon phrases written as one word.
    let joinedPhrases: JoinedPhrases
    /// Lexicon entries that are emoji ("🍆", "😏"): the emoji's scalar → its classes. Emoji are not
    /// words, so the term automaton never sees them; the analysis places them beside a word.
    let emojiClasses: [UInt32: [Int32]]
    /// Lexicon entries whose two parts stand apart ("steek ... neer").
    let splitEntries: SplitEntries
    /// Compounds and pronouns that stand for a group (see `GroupReferences`).
    let groupReferences: GroupReferences
    /// Class ids every post needs, looked up once: the built-in classes, `@group`, and the classes
    /// a pronoun in the next sentence may take up as the pupil.
    let builtinClassIDs: [BuiltinWordClass: Int32]
    /// The `euphemism` lexicon, whose words a scare quote must end in (nil: any infinitive).
    let euphemismClassID: Int32?
    let groupClassID: Int32?
    /// Word classes whose words are names, written with a capital inside a sentence (peoples,
    /// parties, faiths): a capitalised word may be a misspelling of only these.
    let nameClassIDs: Set<Int32>
    let pupilAntecedentClassIDs: [Int32]
    /// The `first-name` class, which a title before the name ("juf Sanne") takes away.
    let firstNameClassID: Int32?
    /// The class of phrases that point at one pupil without a name ("het meisje met", "dat mollige jongetje").
    let pupilDescriptionClassID: Int32?
    /// The `story` class: a roster name followed by "uit het" and one of its words is a character.
    let storyClassID: Int32?
    /// The `confidential-topic` class: a pupil named as whose parent someone is counts in a sentence
    /// with one of its words ("de vader van Levi zit in de gevangenis").
    let confidentialTopicClassID: Int32?
    /// Words the spelling check accepts: the `spelling-accept` word class, folded.
    let spellingAccepted: Set<String>
    /// Inflected forms of single-word lexicon entries (Hunspell stems); nil without the dictionary.
    /// It also knows the single words of the word-list rules, under `termRuleBase` + the rule's index,
    /// so that a misspelt slur or insult (*flikkres*, *klootzzak*, *mngooltjes*) counts as the word;
    /// their inflections do not (the lists say which forms they mean).
    let wordForms: WordForms?
    /// Ids at and above this in `wordForms` name a word-list rule, not a word class.
    static let termRuleBase: Int32 = 1 << 24
    /// Takes apart words written together ("ikhaatmoslims"); nil without the dictionary.
    let runTogether: RunTogetherWords?

    public init(pack: RulePack) {
        self.pack = pack
        var patterns: [TermPattern] = []
        var owners: [PatternOwner] = []
        func add(_ terms: [String], _ owner: PatternOwner) {
            for term in terms {
                if let pattern = TermPattern(term) {
                    patterns.append(pattern)
                    owners.append(owner)
                }
            }
        }
        // Single words of the word-list rules, for their misspelt forms (see `WordForms`).
        var termWords: [String: [Int32]] = [:]
        for (index, rule) in pack.rules.enumerated() where rule.enabled {
            if case .terms(let list) = rule.matcher {
                let first = patterns.count
                add(list.terms, .term(rule: index))
                for pattern in patterns[first...] where pattern.words.count == 1 {
                    termWords[pattern.words[0].text, default: []].append(Self.termRuleBase + Int32(index))
                }
                add(list.exceptions, .exception(rule: index))
            }
        }
        var split = SplitEntries()
        func addSplit(_ entry: String, wordClass: Int32) {
            guard let sides = SplitEntries.sides(entry) else { return }
            let index = split.add(wordClass: wordClass, atClauseEnd: sides.atClauseEnd)
            for pattern in sides.first {
                patterns.append(pattern)
                owners.append(.splitFirst(index))
            }
            for pattern in sides.second {
                patterns.append(pattern)
                owners.append(.splitSecond(index))
            }
        }
        // A split exception ("sla|slaat ... over$") excepts both its words: *ik sla die les over*.
        for entry in pack.exceptions where SplitEntries.isSplit(entry) { addSplit(entry, wordClass: SplitEntries.packException) }
        add(pack.exceptions.filter { !SplitEntries.isSplit($0) }, .packException)
        add(pack.pupilReferences, .pupilReference)
        var classIDs: [String: Int32] = [:]
        func classID(_ key: String) -> (id: Int32, isNew: Bool) {
            if let id = classIDs[key] { return (id, false) }
            let id = Int32(classIDs.count)
            classIDs[key] = id
            return (id, true)
        }
        for builtin in BuiltinWordClass.allCases { _ = classID("@" + builtin.rawValue) }
        var joined = JoinedPhrases()
        var singleWords: [String: [Int32]] = [:]
        var emoji: [UInt32: [Int32]] = [:]
        for (name, lexicon) in pack.lexicons.sorted(by: { $0.key < $1.key }) {
            let id = classID("@" + name).id
            for entry in lexicon.entries {
                if let scalar = Self.emojiScalar(entry) {
                    emoji[scalar, default: []].append(id)
                    continue
                }
                if SplitEntries.isSplit(entry) {
                    addSplit(entry, wordClass: id)
                    continue
                }
                guard let pattern = TermPattern(entry) else { continue }
                patterns.append(pattern)
                owners.append(.wordClass(id))
                joined.add(pattern, wordClass: id)
                // The spelling list is not a class of meaning; its forms need no stems.
                if pattern.words.count == 1, !pattern.words[0].isPrefix, name != "spelling-accept" {
                    singleWords[pattern.words[0].text, default: []].append(id)
                }
            }
        }
        joinedPhrases = joined
        emojiClasses = emoji
        splitEntries = split
        let groupID = classIDs["@group"]
        groupClassID = groupID
        nameClassIDs = Set(["@group", "@party", "@faith-figure", "@other-faith-invite"].compactMap { classIDs[$0] })
        builtinClassIDs = Dictionary(
            uniqueKeysWithValues: BuiltinWordClass.allCases.compactMap { kind in
                classIDs["@" + kind.rawValue].map { (kind, $0) }
            })
        pupilAntecedentClassIDs = ["@pupil", "@pupil-description", "@first-name"].compactMap { classIDs[$0] }
        firstNameClassID = classIDs["@first-name"]
        pupilDescriptionClassID = classIDs["@pupil-description"]
        storyClassID = classIDs["@story"]
        euphemismClassID = classIDs["@euphemism"]
        confidentialTopicClassID = classIDs["@confidential-topic"]
        groupReferences = GroupReferences(groupWords: Set(singleWords.filter { $0.value.contains { $0 == groupID } }.keys))
        // Head-final compounds take the class of these lexicons' words: a *vioolexamen* is an exam, a
        // *leesachterstand* a delay, a *keukenmes* a knife (the other rules still need their context).
        let headClassIDs = Set(Self.compoundHeadClasses.compactMap { classIDs["@" + $0] })
        var patternRules: [(rule: Int, patterns: [SlotPattern], acrossSentences: Bool)] = []
        // A pattern's literal words are read when misspelt too ("vluchtelingen moetn weg"), though
        // not through their stems: a pattern lists the forms it means.
        var literalWords: [String: [Int32]] = [:]
        for (index, rule) in pack.rules.enumerated() where rule.enabled {
            guard case .patterns(let list) = rule.matcher else { continue }
            patternRules.append((index, list.patterns, list.scope == .post))
            for pattern in list.patterns {
                for slot in pattern.slots {
                    for case .literal(let word) in slot.tests {
                        let (id, isNew) = classID("=" + word)
                        guard isNew else { continue }
                        add([word], .wordClass(id))
                        if let term = TermPattern(word), term.words.count == 1, !term.words[0].isPrefix {
                            literalWords[term.words[0].text, default: []].append(id)
                        }
                    }
                }
            }
        }
        wordForms = WordForms(
            byWord: singleWords, misspeltOnly: termWords, literals: literalWords, speller: SpellChecker.shared,
            compoundHeads: singleWords.compactMapValues { ids in
                let heads = ids.filter(headClassIDs.contains)
                return heads.isEmpty ? nil : heads
            })
        spellingAccepted = Set(
            (pack.lexicons["spelling-accept"]?.entries ?? []).flatMap { AnalyzedText($0).tokens.map(\.key) })
        self.classIDs = classIDs
        patternAutomaton = PatternAutomaton(rules: patternRules) { test in
            switch test {
            case .wordClass(let name): classIDs["@" + name]
            case .literal(let word): classIDs["=" + word]
            case .any: nil
            }
        }
        automaton = TermAutomaton(patterns: patterns)
        self.owners = owners
        // Every word of the pack's word lists and terms may be a piece of a run-together word.
        runTogether = RunTogetherWords(
            lexiconWords: patterns.lazy.flatMap(\.words).filter { !$0.isPrefix }.map(\.text),
            wholeWords: patterns.lazy.filter { $0.words.count == 1 && !$0.words[0].isPrefix }.map(\.words[0].text),
            speller: SpellChecker.shared)
        plans = pack.rules.enumerated().filter { $0.element.enabled }.map { RulePlan(index: $0.offset, rule: $0.element) }
    }

    public func prepare(_ context: SchoolContext) -> PreparedContext {
        PreparedContext(context, policy: pack.policy)
    }

    public func evaluate(_ post: Post, context: SchoolContext, language: Language = .nl) -> Report {
        evaluate(post, context: prepare(context), language: language)
    }

    /// `visiblePupils`: the pupils the caller may see (nil: all). A finding names only those; any
    /// other pupil is "a pupil", without id or consent details. `mergeRepeats: false` keeps every
    /// rule's finding (the rule examples test each rule on its own).
    public func evaluate(
        _ post: Post, context: PreparedContext, language: Language = .nl, visiblePupils: Set<String>? = nil, mergeRepeats: Bool = true
    ) -> Report {
        let (flags, ignoredFlags) = honouredFlags(of: post, language: language)
        let analysis = PostAnalysis(post: post, engine: self, context: context, visiblePupils: visiblePupils)
        var findings: [Finding] = []
        var skipped: [SkippedRule] = []
        var waiting: [RulePlan] = []
        for plan in plans {
            let rule = plan.rule
            guard rule.appliesTo.applies(to: post), !rule.unlessFlags.contains(where: flags.contains) else { continue }
            if !plan.requiredFindings.isEmpty {
                waiting.append(plan)
                continue
            }
            switch outcome(of: plan, analysis: analysis) {
            case .none: break
            case .skipped(let reason): skipped.append(SkippedRule(rule: rule.id, reason: reason.text(language)))
            case .found(let hits): findings.append(finding(plan, hits, analysis.text, language))
            }
        }
        if !waiting.isEmpty { findings += findingsAlongside(findings, of: waiting, analysis: analysis, language: language) }
        if mergeRepeats { findings = Self.withoutRepeats(findings) }
        findings.sort { ($0.severity, -($0.spans.first?.start ?? Int.max)) > ($1.severity, -($1.spans.first?.start ?? Int.max)) }
        return Report(id: post.id, findings: findings, skipped: skipped, ignoredFlags: ignoredFlags)
    }

    /// The rules that wait for another rule's finding (`requiresFinding`): a match counts when a
    /// finding of a required category marks a word of the match's sentence ("Morgen neem ik een mes
    /// mee, voor die moslims": the threat's sentence names a group, so it is discrimination too).
    private func findingsAlongside(_ findings: [Finding], of plans: [RulePlan], analysis: PostAnalysis, language: Language)
        -> [Finding]
    {
        let tokens = analysis.text.tokens
        var result: [Finding] = []
        for plan in plans {
            guard let hits = analysis.patternHits[plan.index], !hits.isEmpty else { continue }
            let marked = findings.filter { plan.requiredFindings.contains($0.category) }.flatMap(\.spans)
            guard !marked.isEmpty else { continue }
            var sentences: Set<Int> = []
            for token in tokens where marked.contains(where: token.span.overlaps) {
                sentences.insert(token.sentence)
            }
            let kept = hits.filter { hit in
                hit.spans.contains { span in tokens.contains { $0.span.overlaps(span) && sentences.contains($0.sentence) } }
            }
            if !kept.isEmpty { result.append(finding(plan, kept, analysis.text, language)) }
        }
        return result
    }

    /// One problem, one finding: a pattern finding that covers words a word-list finding of the same
    /// category already marks adds nothing for the author ("een k u t wijf" is swearing and an insult
    /// by the word lists; the insult pattern would say it a third time).
    static func withoutRepeats(_ findings: [Finding]) -> [Finding] {
        let wordList = findings.filter { $0.pattern == nil }
        guard !wordList.isEmpty else { return findings }
        return findings.filter { finding in
            guard finding.pattern != nil else { return true }
            return !wordList.contains { other in
                other.category == finding.category && other.spans.contains { marked in finding.spans.contains(where: marked.overlaps) }
            }
        }
    }

    /// The post's flags that take effect: known flags set by a role the pack allows. The others are
    /// reported, so an author sees that a rule was not switched off.
    func honouredFlags(of post: Post, language: Language) -> (Set<String>, [IgnoredFlag]) {
        guard !post.flags.isEmpty else { return ([], []) }
        var honoured: Set<String> = []
        var ignored: [IgnoredFlag] = []
        for flag in post.flags where !honoured.contains(flag) && !ignored.contains(where: { $0.flag == flag }) {
            guard let roles = pack.policy.flagRoles[flag] else {
                let known = pack.policy.flagRoles.keys.sorted().joined(separator: ", ")
                let reason = LocalizedText(nl: "onbekende vlag; bekend zijn: \(known)", en: "unknown flag; known flags: \(known)")
                ignored.append(IgnoredFlag(flag: flag, reason: reason.text(language)))
                continue
            }
            guard let role = post.author?.role, roles.contains(role) else {
                let who = roles.map(\.rawValue).sorted().joined(separator: ", ")
                let reason = LocalizedText(
                    nl: "alleen \(who) mag deze vlag zetten; de regels gelden gewoon",
                    en: "only \(who) may set this flag; the rules apply as usual")
                ignored.append(IgnoredFlag(flag: flag, reason: reason.text(language)))
                continue
            }
            honoured.insert(flag)
        }
        return (honoured, ignored)
    }

    private func outcome(of plan: RulePlan, analysis: PostAnalysis) -> RuleOutcome {
        switch plan.rule.matcher {
        case .terms:
            let hits = analysis.termHits(rule: plan.index, near: plan.rule.near)
            return hits.isEmpty ? .none : .found(hits)
        case .detector:
            let ranges = plan.detector!.detect(in: analysis.text, school: analysis.context.identity)
            return ranges.isEmpty ? .none : .found(ranges.map { Hit(spans: [analysis.text.span(ofFolded: $0)]) })
        case .check(let kind):
            return ContextChecks(analysis: analysis, policy: pack.policy).run(kind)
        case .patterns:
            let hits = analysis.patternHits[plan.index] ?? []
            return hits.isEmpty ? .none : .found(hits)
        }
    }

    private func finding(_ plan: RulePlan, _ hits: [Hit], _ text: AnalyzedText, _ language: Language) -> Finding {
        let rule = plan.rule
        var severity = rule.severity
        if let cap = hits.compactMap(\.severityCap).max(), hits.allSatisfy({ $0.severityCap != nil }) {
            severity = min(severity, cap)
        }
        let spans = Array(Set(hits.flatMap(\.spans))).sorted()
        let detail = uniqued(hits.compactMap { $0.detail?.text(language) }).joined(separator: "; ")
        let template = rule.message.text(language)
        let message = detail.isEmpty && !plan.hasPlaceholder ? template : Self.fill(template, detail: detail)
        let excerpt = spans.first.map { span in
            Self.mask(text.originalText(span), when: rule.category == .confidential && rule.isDetector)
        }
        return Finding(
            rule: rule.id, category: rule.category, severity: severity, message: message,
            agreement: rule.agreement.text(language), fix: rule.fix?.text(language), spans: spans,
            excerpt: excerpt, escalate: rule.escalate ? true : nil, pattern: hits.lazy.compactMap(\.pattern).first)
    }

    /// Puts the detail where the message says `{detail}`, or after it in brackets.
    static func fill(_ template: String, detail: String) -> String {
        // A byte search: String.split(separator: String) goes through generic string processing and
        // cost more than the rest of a finding.
        let bytes = Array(template.utf8)
        let marker = Array("{detail}".utf8)
        if bytes.count >= marker.count {
            for start in 0...(bytes.count - marker.count)
            where bytes[start] == marker[0] && Array(bytes[start..<start + marker.count]) == marker {
                return String(decoding: bytes[..<start], as: UTF8.self) + detail
                    + String(decoding: bytes[(start + marker.count)...], as: UTF8.self)
            }
        }
        return detail.isEmpty ? template : template + " (\(detail))"
    }

    /// Reports travel to review queues and logs: personal numbers are shown only in part.
    static func mask(_ text: String, when shouldMask: Bool) -> String {
        guard shouldMask, text.count > 4 else { return text }
        let characters = Array(text)
        return String(characters.prefix(2)) + String(repeating: "•", count: characters.count - 4) + String(characters.suffix(2))
    }
}

/// Keeps the first of equal details, in order.
private func uniqued(_ details: [String]) -> [String] {
    var seen: Set<String> = []
    return details.filter { seen.insert($0).inserted }
}

extension Rule {
    var isDetector: Bool {
        if case .detector = matcher { return true }
        return false
    }
}

extension Engine {
    /// The roster pupils a post names (certainly or possibly) or shows on its images: what the store
    /// keeps so that a withdrawn consent can find the posts to take down.
    public func pupilsMentioned(in post: Post, context: PreparedContext) -> (named: [String], shown: [String]) {
        let text = AnalyzedText(post.text)
        let hits = NameFinder(context: context, ambiguousNames: pack.ambiguousNames).hits(in: text)
        let named = Set(hits.flatMap { $0.pupils.map { context.roster[$0].id } })
        let shown = Set(post.images.flatMap(\.pupils)).filter { context.pupils[$0] != nil }
        return (named.sorted(), shown.sorted())
    }
}

extension Engine {
    /// Word classes of nouns whose compounds keep their meaning (see `WordForms`).
    static let compoundHeadClasses = ["achievement", "confidential-topic", "weapon", "protest"]

    /// The emoji a lexicon entry stands for: one pictographic scalar, optionally with a variation
    /// selector or skin tone ("🍆", "😏", "🔥️"); nil for a word.
    static func emojiScalar(_ entry: String) -> UInt32? {
        let scalars = entry.unicodeScalars.filter { !$0.properties.isWhitespace }
        let main = scalars.filter { !$0.properties.isVariationSelector && !$0.properties.isEmojiModifier && $0.value != 0x200D }
        guard main.count == 1, let scalar = main.first, scalar.value > 0x7F, scalar.properties.isEmoji else { return nil }
        return scalar.value
    }
}
