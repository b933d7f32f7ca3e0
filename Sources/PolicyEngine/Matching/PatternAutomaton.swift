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

    /// The word classes found in a post: per word, the classes that start there and where each ends,
    /// in the order they were added. One flat list threaded per word: an array per word cost an
    /// allocation for every word that had a class.
    struct ClassTable {
        private var head: [Int32]
        private var tail: [Int32]
        private var entries: [ClassMatch] = []
        private var next: [Int32] = []

        init(wordCount: Int) {
            head = Array(repeating: -1, count: wordCount)
            tail = head
            entries.reserveCapacity(wordCount * 2)
            next.reserveCapacity(wordCount * 2)
        }

        var wordCount: Int { head.count }

        func isEmpty(at word: Int) -> Bool { head[word] < 0 }

        /// Adds a class occurrence unless the word already holds the same one.
        mutating func add(_ occurrence: ClassMatch, at word: Int) {
            var index = head[word]
            while index >= 0 {
                if entries[Int(index)].wordClass == occurrence.wordClass && entries[Int(index)].end == occurrence.end { return }
                index = next[Int(index)]
            }
            let new = Int32(entries.count)
            entries.append(occurrence)
            next.append(-1)
            if tail[word] >= 0 { next[Int(tail[word])] = new } else { head[word] = new }
            tail[word] = new
        }

        /// Calls `body` with every class occurrence that starts at `word`.
        @inline(__always)
        func forEach(at word: Int, _ body: (ClassMatch) -> Void) {
            var index = head[word]
            while index >= 0 {
                body(entries[Int(index)])
                index = next[Int(index)]
            }
        }

        /// Calls `body` with every class the post holds (once per occurrence).
        func forEachClass(_ body: (Int32) -> Void) {
            for entry in entries { body(entry.wordClass) }
        }

        func contains(_ wordClass: Int32, at word: Int) -> Bool {
            var index = head[word]
            while index >= 0 {
                if entries[Int(index)].wordClass == wordClass { return true }
                index = next[Int(index)]
            }
            return false
        }
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
    private var statePattern: [Int32] = []
    private var gapMax: [Int32] = []
    /// Per state: a gap followed by a required class slot. A thread entering it looks ahead for the
    /// words that slot accepts and lands there directly, instead of waiting word by word (most
    /// threads die in gaps, and each wait cost a set insert).
    private var gapJumps: [Bool] = []
    /// Per pattern: whether its slots may lie in different sentences (`scope: post`).
    private var patternCrossesSentences: [Bool] = []
    /// Per pattern: the classes of each required slot after the one it is entered by. A pattern is
    /// entered only in a post that holds a word of every one of them: many patterns open on a common
    /// word ("de", "als", "ik") and need a rare one later, and the threads they would start in every
    /// post cost more than this test.
    private var anchorClasses: [[[Int32]]] = []
    /// The highest class id any state uses, plus one: the size of a post's class set.
    private var classCount = 0

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
                let required = (first..<end).filter { !states[Int($0)].optional && !states[Int($0)].classes.isEmpty }
                anchorClasses.append(required.dropFirst().map { states[Int($0)].classes })
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
        classCount = (states.flatMap(\.classes).max().map { Int($0) } ?? -1) + 1
        for state in states {
            stateClasses += state.classes
            classStart.append(Int32(stateClasses.count))
            stateOptional.append(state.optional)
            statePattern.append(state.pattern)
            gapMax.append(state.gapMax)
        }
        gapJumps = states.indices.map { index in
            let next = index + 1
            return states[index].gapMax > 0 && next < states.count && states[next].pattern == states[index].pattern
                && !states[next].classes.isEmpty && !states[next].optional
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

    /// Every match in a post whose words carry `classes` and belong to `sentences` (per word, its
    /// sentence number).
    /// `free`: per word, whether a gap skips it without counting it (the words of a relative clause,
    /// "die altijd voor het hek parkeert,"); empty when no word is free.
    func matches(classes: ClassTable, sentences: [Int], free: [Bool] = []) -> [Match] {
        guard !patterns.isEmpty, classes.wordCount > 0 else { return [] }
        var run = Run(automaton: self, classes: classes, sentences: sentences, free: free)
        run.scan()
        return run.found
    }

    /// One post's matching: its threads and what they found. A struct with mutating methods, not
    /// closures over local variables, so the compiler checks exclusive access statically (the
    /// run-time checks and boxed variables were a tenth of the matcher's time).
    private struct Run {
        let automaton: PatternAutomaton
        let classes: ClassTable
        let sentences: [Int]
        let free: [Bool]
        var pending: [[Thread]]
        var arena: [SlotRecord] = []
        var seen: KeySet
        var found: [Match] = []
        var foundKeys = KeySet()
        var budget = PatternAutomaton.threadBudget
        /// The classes the post holds, one bit each.
        var present: [UInt64]
        /// Per pattern: 0 not yet known, 1 the post holds a word for each of its later slots, -1 it does not.
        var viable: [Int8]

        init(automaton: PatternAutomaton, classes: ClassTable, sentences: [Int], free: [Bool]) {
            let wordCount = classes.wordCount
            self.automaton = automaton
            self.classes = classes
            self.sentences = sentences
            self.free = free
            pending = Array(repeating: [], count: wordCount + 1)
            seen = KeySet(expected: wordCount * 8)
            var present = [UInt64](repeating: 0, count: (automaton.classCount + 63) / 64)
            classes.forEachClass { wordClass in
                guard Int(wordClass) < automaton.classCount else { return }
                present[Int(wordClass) >> 6] |= 1 << (UInt64(wordClass) & 63)
            }
            self.present = present
            viable = [Int8](repeating: 0, count: automaton.patterns.count)
        }

        /// Whether the post holds a word for every required slot of the pattern after its entry
        /// (worked out once per post). The last slot is asked first: it is the one most often missing.
        mutating func isViable(_ pattern: Int) -> Bool {
            if viable[pattern] != 0 { return viable[pattern] > 0 }
            let found = automaton.anchorClasses[pattern].reversed().allSatisfy { slot in
                slot.contains { present[Int($0) >> 6] & (1 << (UInt64($0) & 63)) != 0 }
            }
            viable[pattern] = found ? 1 : -1
            return found
        }

        func crosses(_ state: Int32) -> Bool {
            automaton.patternCrossesSentences[Int(automaton.states[Int(state)].pattern)]
        }

        func isEnd(_ state: Int32) -> Bool {
            Int(state) >= automaton.states.count || automaton.states[Int(state)].slot == 0
        }

        mutating func accept(_ thread: Thread, at position: Int) {
            let pattern = Int(automaton.states[Int(thread.state) - 1].pattern)
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

        mutating func land(_ thread: Thread, at position: Int) {
            var thread = thread
            while true {
                if thread.gapUsed == 0, automaton.gapJumps[Int(thread.state)] {
                    jump(thread, from: position)
                    return
                }
                // A slot whose word is not here: the thread would die at once, so it is not kept.
                if !accepts(Int(thread.state), at: position) {
                    guard automaton.stateOptional[Int(thread.state)] else { return }
                } else {
                    let key = UInt64(thread.state) | UInt64(thread.start) << 22 | UInt64(position) << 42 | UInt64(thread.gapUsed) << 60
                    guard seen.insert(key) else { return }
                    budget -= 1
                    pending[position].append(thread)
                    guard automaton.stateOptional[Int(thread.state)] else { return }
                }
                thread.state += 1
                thread.gapUsed = 0
                if isEnd(thread.state) {
                    accept(thread, at: position)
                    return
                }
            }
        }

        /// Whether a thread in `state` can go on at `word`: a gap always can; a slot only when the
        /// word (still in the post) carries one of its classes.
        func accepts(_ state: Int, at word: Int) -> Bool {
            let accepted = Int(automaton.classStart[state])..<Int(automaton.classStart[state + 1])
            if accepted.isEmpty { return true }
            guard word < classes.wordCount else { return false }
            var found = false
            classes.forEach(at: word) { if automaton.stateClasses[accepted].contains($0.wordClass) { found = true } }
            return found
        }

        /// A thread entering a gap lands in the slot after it at each word within reach that the
        /// slot accepts; the words it skips stay in the first word's sentence.
        mutating func jump(_ thread: Thread, from position: Int) {
            let gap = Int(thread.state)
            let target = gap + 1
            let crossing = crosses(thread.state)
            let startSentence = sentences[Int(thread.start)]
            let reach = Int(automaton.gapMax[gap])
            var skipped = 0
            var word = position
            while word < classes.wordCount {
                if word > position, !crossing, sentences[word - 1] != startSentence { break }
                if accepts(target, at: word) {
                    var next = thread
                    next.state = Int32(target)
                    land(next, at: word)
                }
                if free.isEmpty || !free[word] { skipped += 1 }
                if skipped > reach { break }
                word += 1
            }
        }

        mutating func advance(_ thread: Thread, through range: Range<Int>) {
            guard sentences[range.upperBound - 1] == sentences[Int(thread.start)] || crosses(thread.state) else { return }
            var next = thread
            let state = Int(thread.state)
            if automaton.classStart[state] < automaton.classStart[state + 1] {
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

        mutating func scan() {
            let entries = automaton.entries, classStart = automaton.classStart, stateClasses = automaton.stateClasses
            for position in 0..<classes.wordCount where budget > 0 {
                classes.forEach(at: position) { occurrence in
                    guard Int(occurrence.wordClass) < entries.count else { return }
                    for state in entries[Int(occurrence.wordClass)] where isViable(Int(automaton.statePattern[Int(state)])) {
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
                        if thread.gapUsed < automaton.gapMax[state],
                            sentences[position] == sentences[Int(thread.start)] || crosses(thread.state)
                        {
                            var waiting = thread
                            if free.isEmpty || !free[position] { waiting.gapUsed += 1 }
                            land(waiting, at: position + 1)
                        }
                        continue
                    }
                    classes.forEach(at: position) { occurrence in
                        if stateClasses[accepted].contains(occurrence.wordClass) {
                            advance(thread, through: position..<Int(occurrence.end))
                        }
                    }
                }
            }
        }
    }

}
