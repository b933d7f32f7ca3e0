/// All pattern rules of a pack compiled into one automaton over word-class ids.
///
/// Each slot of each pattern is a state (a gap of N words is one state that counts); a post's words
/// are first labelled with the classes they belong to (one pass of the term automaton over every
/// lexicon), then one left-to-right pass moves threads through the states. A pattern is only entered where a word of its first slot's classes
/// stands, so the cost per word depends on the classes found there, not on how many patterns or
/// lexicon entries the pack holds.
struct PatternAutomaton: Sendable {
    struct State: Sendable {
        /// Class ids this slot accepts; empty means a gap.
        var classes: [Int32]
        var optional: Bool
        var pattern: Int32
        var slot: Int32
        /// For a gap: how many words of any kind it may skip (a run of `...N` slots is one state).
        var gapMax: Int32 = 0
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
    /// Class id → states a match may start in (indexed by class id; class ids are dense).
    private var entries: [[Int32]] = []
    /// The states' classes laid out flat for the matching loop: state `s` accepts
    /// `stateClasses[classStart[s]..<classStart[s + 1]]`; an empty range is a gap.
    private var stateClasses: [Int32] = []
    private var classStart: [Int32] = [0]
    private var stateOptional: [Bool] = []
    private var gapMax: [Int32] = []
    /// Per pattern: whether its slots may lie in different sentences (`scope: post`).
    private var patternCrossesSentences: [Bool] = []

    /// A hostile post could make many threads; beyond this the post is not searched further.
    static let threadBudget = 20_000

    init(rules: [(rule: Int, patterns: [SlotPattern], acrossSentences: Bool)], classID: (SlotPattern.Test) -> Int32?) {
        for (rule, list, acrossSentences) in rules {
            for pattern in list {
                let first = Int32(states.count)
                let index = Int32(patterns.count)
                var slot: Int32 = 0
                for definition in pattern.slots {
                    // Consecutive gap slots become one state that counts the words it skips: a
                    // thread then waits in one state instead of spreading over N optional ones.
                    if definition.isGap, let last = states.last, Int32(states.count) > first, last.gapMax > 0 {
                        states[states.count - 1].gapMax += 1
                        continue
                    }
                    let classes = definition.isGap ? [] : definition.tests.compactMap(classID)
                    states.append(
                        State(
                            classes: classes, optional: definition.optional, pattern: index, slot: slot, gapMax: definition.isGap ? 1 : 0))
                    slot += 1
                }
                let end = Int32(states.count)
                patterns.append(Pattern(rule: rule, name: pattern.name, firstState: first, endState: end))
                patternCrossesSentences.append(acrossSentences)
                // Entry states: the leading optional slots and the first required one.
                var state = first
                while state < end {
                    for wordClass in states[Int(state)].classes {
                        if Int(wordClass) >= entries.count { entries += Array(repeating: [], count: Int(wordClass) + 1 - entries.count) }
                        entries[Int(wordClass)].append(state)
                    }
                    if !states[Int(state)].optional { break }
                    state += 1
                }
            }
        }
        for state in states {
            stateClasses += state.classes
            classStart.append(Int32(stateClasses.count))
            stateOptional.append(state.optional)
            gapMax.append(state.gapMax)
        }
    }

    var isEmpty: Bool { patterns.isEmpty }

    /// A partial match: its state, first word, and its last recorded slot in the slot arena (-1: none).
    private struct Thread {
        var state: Int32
        var start: Int32
        var lastSlot: Int32
        /// Words skipped so far in the gap state the thread waits in.
        var gapUsed: Int32 = 0
    }

    /// A recorded slot: its words and the slot recorded before it (-1: none). Threads share their
    /// common prefix, so moving a thread on never copies an array.
    private struct SlotRecord {
        var words: Range<Int32>
        var previous: Int32
    }

    /// Every match in a post whose words carry `classesAt` (per word, the classes starting there) and
    /// belong to `sentences` (per word, its sentence number).
    func matches(classesAt: [[ClassMatch]], sentences: [Int]) -> [Match] {
        let count = classesAt.count
        guard !patterns.isEmpty, count > 0 else { return [] }
        var pending = [[Thread]](repeating: [], count: count + 1)
        var arena: [SlotRecord] = []
        var seen = KeySet()
        var found: [Match] = []
        var foundKeys = KeySet()
        var budget = Self.threadBudget
        let stateCount = Int32(states.count)

        func crosses(_ state: Int32) -> Bool {
            patternCrossesSentences[Int(states[Int(state)].pattern)]
        }

        func isEnd(_ state: Int32) -> Bool {
            state >= stateCount || states[Int(state)].slot == 0
        }

        func accept(_ thread: Thread, at position: Int) {
            let pattern = Int(states[Int(thread.state) - 1].pattern)
            guard foundKeys.insert(UInt64(pattern) | UInt64(thread.start) << 32) else { return }
            var slots: [Range<Int>] = []
            var record = thread.lastSlot
            while record >= 0 {
                let words = arena[Int(record)].words
                slots.append(Int(words.lowerBound)..<Int(words.upperBound))
                record = arena[Int(record)].previous
            }
            found.append(Match(pattern: pattern, tokens: Int(thread.start)..<position, slots: slots.reversed()))
        }

        func land(_ thread: Thread, at position: Int) {
            var thread = thread
            while true {
                let key = UInt64(thread.state) | UInt64(thread.start) << 22 | UInt64(position) << 42 | UInt64(thread.gapUsed) << 60
                guard seen.insert(key) else { return }
                budget -= 1
                pending[position].append(thread)
                guard stateOptional[Int(thread.state)] else { return }
                thread.state += 1
                thread.gapUsed = 0
                if isEnd(thread.state) {
                    accept(thread, at: position)
                    return
                }
            }
        }

        func advance(_ thread: Thread, through range: Range<Int>) {
            guard sentences[range.upperBound - 1] == sentences[Int(thread.start)] || crosses(thread.state) else { return }
            var next = thread
            let state = Int(thread.state)
            if classStart[state] < classStart[state + 1] {
                arena.append(SlotRecord(words: Int32(range.lowerBound)..<Int32(range.upperBound), previous: thread.lastSlot))
                next.lastSlot = Int32(arena.count - 1)
            }
            next.state += 1
            next.gapUsed = 0
            if isEnd(next.state) {
                accept(next, at: range.upperBound)
            } else {
                land(next, at: range.upperBound)
            }
        }

        for position in 0..<count where budget > 0 {
            let here = classesAt[position]
            for occurrence in here where Int(occurrence.wordClass) < entries.count {
                for state in entries[Int(occurrence.wordClass)] {
                    advance(Thread(state: state, start: Int32(position), lastSlot: -1), through: position..<Int(occurrence.end))
                }
            }
            guard !pending[position].isEmpty else { continue }
            let threads = pending[position]
            pending[position] = []
            for thread in threads {
                let state = Int(thread.state)
                let accepted = Int(classStart[state])..<Int(classStart[state + 1])
                if accepted.isEmpty {
                    // A gap skips this word and waits at the next, while it has words to spare.
                    if thread.gapUsed < gapMax[state], sentences[position] == sentences[Int(thread.start)] || crosses(thread.state) {
                        var waiting = thread
                        waiting.gapUsed += 1
                        land(waiting, at: position + 1)
                    }
                    continue
                }
                for occurrence in here where stateClasses[accepted].contains(occurrence.wordClass) {
                    advance(thread, through: position..<Int(occurrence.end))
                }
            }
        }
        return found
    }

}

/// A set of 64-bit keys with open addressing and a multiplicative hash: the matcher inserts a key for
/// every thread it moves, and the standard library's seeded hashing was a fifth of its time.
private struct KeySet {
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    private var count = 0

    /// Inserts `key`; false when it was already there.
    mutating func insert(_ key: UInt64) -> Bool {
        let stored = key &+ 1  // 0 marks an empty slot
        if count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[index] != 0 {
            if slots[index] == stored { return false }
            index = (index + 1) & mask
        }
        slots[index] = stored
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        count = 0
        for key in old where key != 0 { _ = insert(key &- 1) }
    }
}
