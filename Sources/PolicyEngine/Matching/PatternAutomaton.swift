/// All pattern rules of a pack compiled into one automaton over word-class ids.
///
/// Each slot of each pattern is a state; a post's words are first labelled with the classes they
/// belong to (one pass of the term automaton over every lexicon), then one left-to-right pass moves
/// threads through the states. A pattern is only entered where a word of its first slot's classes
/// stands, so the cost per word depends on the classes found there, not on how many patterns or
/// lexicon entries the pack holds.
struct PatternAutomaton: Sendable {
    struct State: Sendable {
        /// Class ids this slot accepts; empty means any word (a gap).
        var classes: [Int32]
        var optional: Bool
        var pattern: Int32
        var slot: Int32
    }

    struct Pattern: Sendable {
        /// The rule (index into the pack's rules) and the pattern's place in its list.
        var rule: Int
        var name: String
        var firstState: Int32
        var endState: Int32
    }

    /// One way a pattern matched: the words it covers and each slot's words.
    struct Match: Sendable, Equatable {
        var pattern: Int
        var tokens: Range<Int>
        var slots: [Range<Int>]
    }

    /// A word-class occurrence in a post: from this word up to `end` (exclusive).
    struct ClassMatch: Sendable {
        var wordClass: Int32
        var end: Int32
    }

    private(set) var states: [State] = []
    private(set) var patterns: [Pattern] = []
    /// Class id → states a match may start in.
    private var entries: [Int32: [Int32]] = [:]

    /// A hostile post could make many threads; beyond this the post is not searched further.
    static let threadBudget = 20_000

    init(rules: [(rule: Int, patterns: [SlotPattern])], classID: (SlotPattern.Test) -> Int32?) {
        for (rule, list) in rules {
            for pattern in list {
                let first = Int32(states.count)
                let index = Int32(patterns.count)
                for (slot, definition) in pattern.slots.enumerated() {
                    let classes = definition.isGap ? [] : definition.tests.compactMap(classID)
                    states.append(State(classes: classes, optional: definition.optional, pattern: index, slot: Int32(slot)))
                }
                let end = Int32(states.count)
                patterns.append(Pattern(rule: rule, name: pattern.name, firstState: first, endState: end))
                // Entry states: the leading optional slots and the first required one.
                var state = first
                while state < end {
                    for wordClass in states[Int(state)].classes { entries[wordClass, default: []].append(state) }
                    if !states[Int(state)].optional { break }
                    state += 1
                }
            }
        }
    }

    var isEmpty: Bool { patterns.isEmpty }

    private struct Thread {
        var state: Int32
        var start: Int32
        var slots: [Range<Int>]
    }

    /// Every match in a post whose words carry `classesAt` (per word, the classes starting there) and
    /// belong to `sentences` (per word, its sentence number).
    func matches(classesAt: [[ClassMatch]], sentences: [Int]) -> [Match] {
        let count = classesAt.count
        guard !patterns.isEmpty, count > 0 else { return [] }
        var pending = [[Thread]](repeating: [], count: count + 1)
        var seen: Set<UInt64> = []
        var found: [Match] = []
        var foundKeys: Set<UInt64> = []
        var budget = Self.threadBudget

        func land(_ thread: Thread, at position: Int) {
            var thread = thread
            while true {
                let key = UInt64(thread.state) | UInt64(thread.start) << 24 | UInt64(position) << 44
                guard seen.insert(key).inserted else { return }
                budget -= 1
                pending[position].append(thread)
                guard states[Int(thread.state)].optional else { return }
                thread.state += 1
                if isEnd(thread.state) {
                    accept(thread, at: position)
                    return
                }
            }
        }

        func accept(_ thread: Thread, at position: Int) {
            let pattern = Int(states[Int(thread.state) - 1].pattern)
            let key = UInt64(pattern) | UInt64(thread.start) << 32
            guard foundKeys.insert(key).inserted else { return }
            found.append(Match(pattern: pattern, tokens: Int(thread.start)..<position, slots: thread.slots))
        }

        func advance(_ thread: Thread, through range: Range<Int>) {
            guard sentences[range.upperBound - 1] == sentences[Int(thread.start)] else { return }
            var next = thread
            if !states[Int(thread.state)].classes.isEmpty { next.slots.append(range) }
            next.state += 1
            if isEnd(next.state) {
                accept(next, at: range.upperBound)
            } else {
                land(next, at: range.upperBound)
            }
        }

        for position in 0..<count where budget > 0 {
            for occurrence in classesAt[position] {
                for state in entries[occurrence.wordClass] ?? [] {
                    advance(Thread(state: state, start: Int32(position), slots: []), through: position..<Int(occurrence.end))
                }
            }
            for thread in pending[position] {
                let state = states[Int(thread.state)]
                if state.classes.isEmpty {
                    if position + 1 <= count { advance(thread, through: position..<position + 1) }
                    continue
                }
                for occurrence in classesAt[position] where state.classes.contains(occurrence.wordClass) {
                    advance(thread, through: position..<Int(occurrence.end))
                }
            }
            pending[position] = []
        }
        return found
    }

    /// Whether `state` is one past the last slot of its pattern.
    private func isEnd(_ state: Int32) -> Bool {
        Int(state) >= states.count || states[Int(state)].slot == 0
    }
}
