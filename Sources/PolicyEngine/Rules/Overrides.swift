import Foundation

/// A school's own settings on top of the base pack (seed 004: each school may work rules out more
/// specifically). An override file never edits the base pack; it is applied when the pack is loaded.
///
/// ```yaml
/// school: De Regenboog
/// policy: { parentsMayComment: false, maxPostsPerWeek: 2 }
/// categories: { commercial: { severity: block } }
/// rules:
///   konot.abuse.swearing: { addTerms: [sukkel], removeTerms: [shit], addExceptions: [...] }
///   konot.political.parties: { enabled: false }
/// exceptions: [...]
/// ```
public enum Overrides {
    static let ruleKeys: Set<String> = ["severity", "enabled", "addTerms", "removeTerms", "addExceptions"]

    public static func apply(file path: String, to pack: RulePack) throws -> RulePack {
        let root = try YAMLValue.parse(try RulePackLoader.readFile(path), file: path)
        var pack = pack
        for (key, value) in try root.mapping(
            "an override file", allowed: ["school", "policy", "categories", "rules", "exceptions", "ambiguousNames", "lexicons"])
        {
            switch key {
            case "policy": pack.policy = try RulePackLoader.policy(value, base: pack.policy)
            case "categories": try applyCategories(value, to: &pack)
            case "rules": try applyRules(value, to: &pack)
            case "exceptions": pack.exceptions += try RulePackLoader.exceptions(value)
            case "lexicons": try applyLexicons(value, to: &pack)
            case "ambiguousNames":
                pack.ambiguousNames.formUnion(try value.strings("ambiguousNames").map { CharacterFolder.shared.fold($0) })
            default: break
            }
        }
        pack.appliedOverrides.append(path)
        return pack
    }

    /// `lexicons: { group: { add: [...], remove: [...] } }`: a school widens or narrows a word class.
    private static func applyLexicons(_ value: YAMLValue, to pack: inout RulePack) throws {
        for (name, entry) in try value.mapping("lexicons") {
            guard var lexicon = pack.lexicons[name] else {
                throw entry.fail("no word class '\(name)'; known: \(pack.lexicons.keys.sorted().joined(separator: ", "))")
            }
            for (key, list) in try entry.mapping("lexicon '\(name)'", allowed: ["add", "remove"]) {
                let words = try list.strings(key)
                if let bad = words.first(where: { TermPattern($0) == nil && Engine.emojiScalar($0) == nil }) {
                    throw list.fail("'\(bad)' holds no letters or digits, and is not one emoji")
                }
                if key == "add" {
                    lexicon.entries += words
                } else {
                    let unknown = words.filter { !lexicon.entries.contains($0) }
                    if !unknown.isEmpty { throw list.fail("remove: not in '\(name)': \(unknown.joined(separator: ", "))") }
                    lexicon.entries.removeAll { words.contains($0) }
                }
            }
            pack.lexicons[name] = lexicon
        }
    }

    private static func applyCategories(_ value: YAMLValue, to pack: inout RulePack) throws {
        for (key, entry) in try value.mapping("categories") {
            guard let category = Category(rawValue: key) else { throw entry.fail("'\(key)' is not a category") }
            for (_, severity) in try entry.mapping("category '\(key)'", allowed: ["severity"]) {
                let level = try severity.oneOf(Severity.self, "severity")
                pack.categories[category]?.severity = level
                for index in pack.rules.indices where pack.rules[index].category == category {
                    pack.rules[index].severity = level
                }
            }
        }
    }

    private static func applyRules(_ value: YAMLValue, to pack: inout RulePack) throws {
        for (id, entry) in try value.mapping("rules") {
            guard let index = pack.rules.firstIndex(where: { $0.id == id }) else {
                throw RulePackError(entry.location, rule: id, "no rule with this id in pack '\(pack.id)'")
            }
            do {
                try applyRule(entry, to: &pack.rules[index])
            } catch var error as RulePackError {
                error.rule = id
                throw error
            }
        }
    }

    private static func applyRule(_ entry: YAMLValue, to rule: inout Rule) throws {
        for (key, value) in try entry.mapping("a rule override", allowed: ruleKeys) {
            switch key {
            case "severity": rule.severity = try value.oneOf(Severity.self, "severity")
            case "enabled": rule.enabled = try value.bool("enabled")
            default:
                guard case .terms(var list) = rule.matcher else {
                    throw value.fail("'\(key)' only applies to word-list rules")
                }
                let words = try value.strings(key)
                if let bad = words.first(where: { TermPattern($0) == nil }) { throw value.fail("'\(bad)' holds no letters or digits") }
                switch key {
                case "addTerms": list.terms += words
                case "addExceptions": list.exceptions += words
                default:
                    let unknown = words.filter { !list.terms.contains($0) }
                    if !unknown.isEmpty { throw value.fail("removeTerms: not in the rule's list: \(unknown.joined(separator: ", "))") }
                    list.terms.removeAll { words.contains($0) }
                }
                rule.matcher = .terms(list)
            }
        }
    }
}
