import Foundation
import Yams

/// Reads a rule pack directory: `pack.yaml` (categories, shared lists, policy) and every other
/// `*.yaml` file in it, each holding a `rules:` list.
public enum RulePackLoader {
    static let packKeys: Set<String> = [
        "id", "name", "version", "categories", "exceptions", "pupilReferences", "ambiguousNames", "policy",
        "exampleContext", "exampleDefaults",
    ]
    static let ruleKeys: Set<String> = [
        "id", "category", "severity", "message", "fix", "agreement", "terms", "exceptions", "detector", "check",
        "near", "appliesTo", "unlessFlags", "escalate", "enabled", "examples", "patterns", "guards", "scope", "requires",
        "requiresFinding",
    ]

    /// The KONOT pack compiled into this binary (from rules/konot at build time).
    public static func bundled() throws -> RulePack {
        try load(BundledRulePack.files)
    }

    public static func load(directory: String) throws -> RulePack {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RulePackError(SourceLocation(file: directory), "not a rule pack folder (expected a folder holding pack.yaml)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        var files: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".json") {
            files[name] = try readFile((directory as NSString).appendingPathComponent(name))
        }
        return try load(RulePackFiles(folder: directory, files: files))
    }

    public static func load(_ source: RulePackFiles) throws -> RulePack {
        guard let packText = source.files["pack.yaml"] else {
            throw RulePackError(SourceLocation(file: source.path("pack.yaml")), "the rule pack has no pack.yaml")
        }
        let root = try YAMLValue.parse(packText, file: source.path("pack.yaml"))
        var pack = try header(root, source: source)
        for name in source.files.keys.filter(isLexiconFile).sorted() {
            let lexicon = try Self.lexicon(try YAMLValue.parse(source.files[name]!, file: source.path(name)))
            guard pack.lexicons[lexicon.name] == nil else {
                throw RulePackError(SourceLocation(file: source.path(name)), "the word class '\(lexicon.name)' is defined twice")
            }
            pack.lexicons[lexicon.name] = lexicon
        }
        let ruleFiles = source.files.keys.filter { $0.hasSuffix(".yaml") && $0 != "pack.yaml" && !isLexiconFile($0) }.sorted()
        var seen: [String: SourceLocation] = [:]
        for name in ruleFiles {
            let file = try YAMLValue.parse(source.files[name]!, file: source.path(name))
            let entries = try file.mapping("a rule file", allowed: ["rules"])
            for (_, list) in entries {
                for node in try list.list("rules") {
                    let rule = try parseRule(node, pack: pack, defaults: root)
                    if let first = seen[rule.id] {
                        throw RulePackError(rule.location, rule: rule.id, "the id is already used at \(first)")
                    }
                    seen[rule.id] = rule.location
                    pack.rules.append(rule)
                }
            }
        }
        guard !pack.rules.isEmpty else { throw RulePackError(SourceLocation(file: source.folder), "the rule pack holds no rules") }
        try checkWordClasses(pack)
        return pack
    }

    /// `lexicon-<class>.yaml`: one word class of the pack.
    static func isLexiconFile(_ name: String) -> Bool { name.hasPrefix("lexicon-") && name.hasSuffix(".yaml") }

    static func lexicon(_ root: YAMLValue) throws -> Lexicon {
        let fields = Dictionary(uniqueKeysWithValues: try root.mapping("a lexicon file", allowed: ["lexicon"]).map { ($0.key, $0.value) })
        guard let body = fields["lexicon"] else { throw root.fail("a lexicon file holds one 'lexicon:' mapping") }
        var name: String?, purpose: String?, notFor: String?, entries: [String]?
        for (key, value) in try body.mapping("lexicon", allowed: ["class", "purpose", "notFor", "entries"]) {
            switch key {
            case "class": name = try value.string("class")
            case "purpose": purpose = try value.string("purpose")
            case "notFor": notFor = try value.string("notFor")
            default: entries = try value.strings("entries")
            }
        }
        guard let name, let purpose, let notFor, let entries else {
            throw body.fail("a lexicon needs 'class', 'purpose' (what it is for), 'notFor' (where it must not fire) and 'entries'")
        }
        guard BuiltinWordClass(rawValue: name) == nil else { throw body.fail("'\(name)' is a built-in word class; choose another name") }
        // A cheap test: lexicons hold thousands of entries, and TermPattern runs the whole text pipeline.
        if let bad = entries.first(where: { !$0.contains(where: { $0.isLetter || $0.isNumber }) && Engine.emojiScalar($0) == nil }) {
            throw body.fail("'\(bad)' holds no letters or digits, and is not one emoji")
        }
        if let bad = entries.first(where: { SplitEntries.isSplit($0) && SplitEntries.sides($0) == nil }) {
            throw body.fail(
                "'\(bad)': an entry with ' ... ' has one first part and one second part, each words with | between alternatives")
        }
        return Lexicon(name: name, purpose: purpose, notFor: notFor, entries: entries)
    }

    /// The pack's innocent phrases; a split one ("sla|slaat ... over$") must be well formed.
    static func exceptions(_ value: YAMLValue) throws -> [String] {
        let phrases = try value.strings("exceptions")
        if let bad = phrases.first(where: { SplitEntries.isSplit($0) && SplitEntries.sides($0) == nil }) {
            throw value.fail(
                "exceptions: '\(bad)': a phrase with ' ... ' has one first part and one second part, each words with | between alternatives"
            )
        }
        return phrases
    }

    /// Every `@class` a pattern names must exist: a lexicon file or a built-in class.
    static func checkWordClasses(_ pack: RulePack) throws {
        for rule in pack.rules {
            guard case .patterns(let list) = rule.matcher else { continue }
            let guardClasses = (list.unlessClasses + list.requiredClasses).map {
                SlotPattern.Slot(tests: [.wordClass($0)], optional: false)
            }
            for pattern in list.patterns {
                for slot in pattern.slots + guardClasses {
                    for case .wordClass(let name) in slot.tests where pack.lexicons[name] == nil && BuiltinWordClass(rawValue: name) == nil
                    {
                        let known = (pack.lexicons.keys.sorted() + BuiltinWordClass.allCases.map(\.rawValue)).joined(separator: ", ")
                        throw RulePackError(
                            rule.location, rule: rule.id, "pattern '\(pattern.source)': no word class '@\(name)'; known: \(known)")
                    }
                }
            }
        }
    }

    static func readFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulePackError(SourceLocation(file: path), "cannot read the file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RulePackError(SourceLocation(file: path), "the file is not UTF-8 text")
        }
        return text
    }

    private static func header(_ root: YAMLValue, source: RulePackFiles) throws -> RulePack {
        var pack = RulePack(
            id: "", name: "", version: "", categories: [:], rules: [], exceptions: [], pupilReferences: [],
            ambiguousNames: [], policy: PackPolicy(), exampleContext: .empty)
        for (key, value) in try root.mapping("pack.yaml", allowed: packKeys) {
            switch key {
            case "id": pack.id = try value.string("id")
            case "name": pack.name = try value.string("name")
            case "version": pack.version = try value.string("version")
            case "categories": pack.categories = try categories(value)
            case "exceptions": pack.exceptions = try exceptions(value)
            case "pupilReferences": pack.pupilReferences = try value.strings("pupilReferences")
            case "ambiguousNames": pack.ambiguousNames = Set(try value.strings("ambiguousNames").map { CharacterFolder.shared.fold($0) })
            case "policy": pack.policy = try policy(value, base: pack.policy)
            case "exampleContext":
                let name = try value.string("exampleContext")
                guard let text = source.files[name] else { throw value.fail("exampleContext: no file '\(name)' in the pack") }
                pack.exampleContext = try ContractDecoder.context(from: Data(text.utf8), source: source.path(name))
            default: break
            }
        }
        if let missing = Category.allCases.first(where: { pack.categories[$0] == nil }) {
            throw root.fail("category '\(missing.rawValue)' has no entry under 'categories'")
        }
        return pack
    }

    private static func categories(_ value: YAMLValue) throws -> [Category: CategoryInfo] {
        var result: [Category: CategoryInfo] = [:]
        for (key, entry) in try value.mapping("categories") {
            guard let category = Category(rawValue: key) else {
                throw entry.fail("'\(key)' is not a category; known: \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var severity: Severity?, agreement: LocalizedText?
            for (field, fieldValue) in try entry.mapping("category '\(key)'", allowed: ["severity", "agreement"]) {
                if field == "severity" { severity = try fieldValue.oneOf(Severity.self, "severity") }
                if field == "agreement" { agreement = try fieldValue.localized("agreement") }
            }
            guard let severity, let agreement else { throw entry.fail("category '\(key)' needs a severity and an agreement") }
            result[category] = CategoryInfo(severity: severity, agreement: agreement)
        }
        return result
    }

    static func policy(_ value: YAMLValue, base: PackPolicy) throws -> PackPolicy {
        var policy = base
        for (key, field) in try value.mapping("policy", allowed: ["parentsMayComment", "maxPostsPerWeek", "hours", "flags"]) {
            switch key {
            case "flags":
                for (flag, roles) in try field.mapping("policy.flags") {
                    policy.flagRoles[flag] = Set(try roles.list("policy.flags.\(flag)").map { try $0.oneOf(Post.Role.self, "role") })
                }
            case "parentsMayComment": policy.parentsMayComment = try field.bool(key)
            case "maxPostsPerWeek":
                policy.maxPostsPerWeek = try field.int(key)
                guard policy.maxPostsPerWeek > 0 else { throw field.fail("maxPostsPerWeek must be at least 1") }
            default:
                let hours = try field.decode(SchoolContext.Hours.self, "hours")
                do {
                    try HoursValidator.validate(hours, field: "policy.hours")
                } catch let error as HoursError {
                    throw field.fail(error.message)
                }
                policy.hours = hours
            }
        }
        return policy
    }

    private static func parseRule(_ node: YAMLValue, pack: RulePack, defaults: YAMLValue) throws -> Rule {
        let fields = try node.mapping("a rule")
        let field = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        guard let idValue = field["id"] else { throw node.fail("a rule needs an 'id'") }
        let id = try idValue.string("id")
        do {
            _ = try node.mapping("a rule", allowed: ruleKeys)
            return try buildRule(id: id, field: field, node: node, pack: pack, defaults: defaults)
        } catch var error as RulePackError {
            error.rule = error.rule ?? id
            throw error
        }
    }

    private static func buildRule(id: String, field: [String: YAMLValue], node: YAMLValue, pack: RulePack, defaults: YAMLValue) throws
        -> Rule
    {
        guard let categoryValue = field["category"] else { throw node.fail("missing field 'category'") }
        let category = try categoryValue.oneOf(Category.self, "category")
        let info = pack.categories[category]!
        guard let messageValue = field["message"] else { throw node.fail("missing field 'message'") }
        let matchers = ["terms", "detector", "check", "patterns"].filter { field[$0] != nil }
        guard matchers.count == 1 else {
            throw node.fail(
                "a rule needs exactly one of 'terms', 'detector', 'check' or 'patterns' (found \(matchers.isEmpty ? "none" : matchers.joined(separator: ", ")))"
            )
        }
        let matcher: RuleMatcher
        switch matchers[0] {
        case "terms":
            let terms = try field["terms"]!.strings("terms")
            let exceptions = try field["exceptions"].map { try $0.strings("exceptions") } ?? []
            if let bad = (terms + exceptions).first(where: { TermPattern($0) == nil }) {
                throw field["terms"]!.fail("'\(bad)' holds no letters or digits")
            }
            matcher = .terms(TermList(terms: terms, exceptions: exceptions))
        case "detector": matcher = .detector(try field["detector"]!.oneOf(DetectorKind.self, "detector"))
        case "patterns": matcher = .patterns(try patternList(field, id: id, ownCategory: category))
        default: matcher = .check(try field["check"]!.oneOf(ContextCheckKind.self, "check"))
        }
        if field["guards"] != nil, matchers[0] != "patterns" { throw field["guards"]!.fail("'guards' only go with 'patterns'") }
        if field["scope"] != nil, matchers[0] != "patterns" { throw field["scope"]!.fail("'scope' only goes with 'patterns'") }
        if field["requires"] != nil, matchers[0] != "patterns" { throw field["requires"]!.fail("'requires' only goes with 'patterns'") }
        if field["requiresFinding"] != nil, matchers[0] != "patterns" {
            throw field["requiresFinding"]!.fail("'requiresFinding' only goes with 'patterns'")
        }
        if field["exceptions"] != nil, matchers[0] != "terms" { throw field["exceptions"]!.fail("'exceptions' only go with 'terms'") }
        let location = node.location
        var rule = Rule(
            id: id, category: category,
            severity: try field["severity"].map { try $0.oneOf(Severity.self, "severity") } ?? info.severity,
            message: try messageValue.localized("message"),
            fix: try field["fix"].map { try $0.localized("fix") },
            agreement: try field["agreement"].map { try $0.localized("agreement") } ?? info.agreement,
            matcher: matcher,
            near: try field["near"].map { try $0.oneOf(NearCondition.self, "near") },
            appliesTo: try field["appliesTo"].map(applicabilities) ?? [],
            unlessFlags: try field["unlessFlags"].map { try $0.strings("unlessFlags") } ?? [],
            escalate: try field["escalate"].map { try $0.bool("escalate") } ?? false,
            enabled: try field["enabled"].map { try $0.bool("enabled") } ?? true,
            mustFire: [], mustNotFire: [], location: location)
        if let examples = field["examples"] {
            for (key, list) in try examples.mapping("examples", allowed: ["fire", "pass"]) {
                let posts = try list.list("examples.\(key)").map { try example($0, defaults: defaults) }
                if key == "fire" { rule.mustFire = posts } else { rule.mustNotFire = posts }
            }
        }
        guard !rule.mustFire.isEmpty, !rule.mustNotFire.isEmpty else {
            throw node.fail("every rule needs examples that must fire ('examples.fire') and look-alikes that must not ('examples.pass')")
        }
        return rule
    }

    /// `patterns:` a list of sentence shapes, each a text or `{name, match}`; `guards:` which guards apply.
    private static func patternList(_ field: [String: YAMLValue], id: String, ownCategory: Category) throws -> PatternList {
        var patterns: [SlotPattern] = []
        for (index, item) in try field["patterns"]!.list("patterns").enumerated() {
            var name = "\(id)#\(index + 1)", source: String
            if case .mapping = item.node {
                var match: String?
                for (key, value) in try item.mapping("a pattern", allowed: ["name", "match"]) {
                    if key == "name" { name = try value.string("name") } else { match = try value.string("match") }
                }
                guard let match else { throw item.fail("a pattern needs 'match'") }
                source = match
            } else {
                source = try item.string("pattern")
            }
            do {
                patterns.append(try SlotPattern(name: name, source: source))
            } catch let error as SlotPattern.ParseError {
                throw item.fail("pattern '\(source)': \(error)")
            }
        }
        guard !patterns.isEmpty else { throw field["patterns"]!.fail("'patterns' needs at least one pattern") }
        var guards: Set<PatternGuard> = [], unlessClasses: [String] = []
        for value in try field["guards"].map({ try $0.list("guards") }) ?? [] {
            let text = try value.string("guard")
            if text.hasPrefix("@") {
                unlessClasses.append(String(text.dropFirst()))
            } else {
                guards.insert(try value.oneOf(PatternGuard.self, "guard (or @class: no finding in a sentence with a word of that class)"))
            }
        }
        var list = PatternList(patterns: patterns, guards: guards, unlessClasses: unlessClasses)
        for value in try field["requires"].map({ try $0.list("requires") }) ?? [] {
            let text = try value.string("requires")
            guard text.hasPrefix("@"), text.count > 1 else {
                throw value.fail("'requires' lists word classes, written @class (one of them must be near the match)")
            }
            list.requiredClasses.append(String(text.dropFirst()))
        }
        for value in try field["requiresFinding"].map({ try $0.list("requiresFinding") }) ?? [] {
            let category = try value.oneOf(
                Category.self, "requiresFinding (a category whose finding must mark a word of the match's sentence)")
            guard category != ownCategory else {
                throw value.fail(
                    "'requiresFinding' names the rule's own category '\(category.rawValue)'; a rule cannot wait for its own findings")
            }
            list.requiredFindings.append(category)
        }
        if let scope = field["scope"] {
            list.scope = try scope.oneOf(
                PatternScope.self, "scope (sentence: a match stays in one sentence; post: it may run on into the next)")
        }
        return list
    }

    /// One mapping, or a list of mappings of which any may apply (`[{kinds: [post]}, {kinds: [comment], roles: [teacher]}]`).
    private static func applicabilities(_ value: YAMLValue) throws -> [Applicability] {
        if case .sequence = value.node { return try value.list("appliesTo").map(applicability) }
        return [try applicability(value)]
    }

    private static func applicability(_ value: YAMLValue) throws -> Applicability {
        var result = Applicability()
        for (key, list) in try value.mapping("appliesTo", allowed: ["kinds", "roles", "channels"]) {
            let values = try list.list("appliesTo.\(key)")
            switch key {
            case "kinds": result.kinds = Set(try values.map { try $0.oneOf(Post.Kind.self, "kind") })
            case "roles": result.roles = Set(try values.map { try $0.oneOf(Post.Role.self, "role") })
            default: result.channels = Set(try values.map { try $0.oneOf(Post.Channel.self, "channel") })
            }
        }
        return result
    }

    /// An example is a text, or a post (mapping) whose missing fields come from `exampleDefaults`.
    private static func example(_ value: YAMLValue, defaults root: YAMLValue) throws -> RuleExample {
        var pairs: [(Node, Node)] = []
        if let defaults = root.node.mapping?["exampleDefaults"]?.mapping {
            pairs = defaults.map { ($0.key, $0.value) }
        }
        let own: [(Node, Node)]
        switch value.node {
        case .scalar: own = [(Node("text"), value.node)]
        case .mapping(let mapping): own = mapping.map { ($0.key, $0.value) }
        default: throw value.fail("an example must be a text or a post")
        }
        let ownKeys = Set(own.compactMap { $0.0.string })
        pairs = pairs.filter { !ownKeys.contains($0.0.string ?? "") } + own
        let merged = YAMLValue(node: .mapping(Node.Mapping(pairs)), file: value.file)
        let post = try YAMLValue(node: merged.node, file: value.file).decodeExample(at: value.location)
        return RuleExample(post: post, location: value.location)
    }
}

extension YAMLValue {
    fileprivate func decodeExample(at location: SourceLocation) throws -> Post {
        do {
            return try YAMLDecoder().decode(Post.self, from: node)
        } catch {
            throw RulePackError(location, "example: \(DecodingErrorText.describe(error))")
        }
    }
}
