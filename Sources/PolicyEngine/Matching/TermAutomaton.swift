/// Finds every word-list term in a post in one pass over its words.
///
/// Words live in a UTF-8 byte trie (dense for a–z and 0–9), phrases in a trie over word ids, so the cost
/// per word of text is bounded by the word's length and does not grow with the number of terms.
public struct TermAutomaton: Sendable {
    public struct Match: Sendable, Equatable {
        /// Index of the pattern in the array the automaton was built from.
        public var pattern: Int
        /// The words of the text it covers.
        public var tokens: Range<Int>
    }

    private static let denseWidth = 36
    private static let none: Int32 = -1

    private var dense: [Int32]
    private var sparse: IntMap
    private var exactWord: [Int32]
    private var prefixWord: [Int32]
    private var phraseNext: IntMap
    private var outputs: [[Int32]]

    public init(patterns: [TermPattern]) {
        dense = [Int32](repeating: Self.none, count: Self.denseWidth)
        sparse = IntMap()
        exactWord = [Self.none]
        prefixWord = [Self.none]
        phraseNext = IntMap()
        outputs = [[]]
        var wordIDs: [TermPattern.Word: Int32] = [:]
        for (index, pattern) in patterns.enumerated() {
            var phraseNode: Int32 = 0
            for word in pattern.words {
                let id = wordIDs[word] ?? insert(word, id: Int32(wordIDs.count))
                wordIDs[word] = id
                phraseNode = phraseChild(phraseNode, id)
            }
            outputs[Int(phraseNode)].append(Int32(index))
        }
    }

    private static func slot(_ value: UInt8) -> Int? {
        if value >= 0x61 && value <= 0x7A { return Int(value - 0x61) }
        if value >= 0x30 && value <= 0x39 { return 26 + Int(value - 0x30) }
        return nil
    }

    private func child(_ node: Int32, _ value: UInt8) -> Int32 {
        if let slot = Self.slot(value) { return dense[Int(node) * Self.denseWidth + slot] }
        return sparse.value(UInt64(node) << 32 | UInt64(value))
    }

    private mutating func insert(_ word: TermPattern.Word, id: Int32) -> Int32 {
        var node: Int32 = 0
        for byte in word.text.utf8 {
            var next = child(node, byte)
            if next == Self.none {
                next = Int32(exactWord.count)
                exactWord.append(Self.none)
                prefixWord.append(Self.none)
                dense.append(contentsOf: repeatElement(Self.none, count: Self.denseWidth))
                if let slot = Self.slot(byte) {
                    dense[Int(node) * Self.denseWidth + slot] = next
                } else {
                    sparse.set(UInt64(node) << 32 | UInt64(byte), next)
                }
            }
            node = next
        }
        if word.isPrefix { prefixWord[Int(node)] = id } else { exactWord[Int(node)] = id }
        return id
    }

    private mutating func phraseChild(_ node: Int32, _ word: Int32) -> Int32 {
        let key = UInt64(node) << 32 | UInt64(word)
        let known = phraseNext.value(key)
        if known >= 0 { return known }
        let next = Int32(outputs.count)
        outputs.append([])
        phraseNext.set(key, next)
        return next
    }

    /// The word ids a single text word matches: its exact entry and every prefix entry along the way.
    private func wordIDs(_ canonical: String, into ids: inout [Int32]) {
        var canonical = canonical
        if canonical.utf8.contains(Self.wildcard) {
            wildcardWordIDs(Array(canonical.utf8), into: &ids)
            return
        }
        canonical.withUTF8 { bytes in
            var node: Int32 = 0
            for byte in bytes {
                node = child(node, byte)
                if node == Self.none { return }
                let prefix = prefixWord[Int(node)]
                if prefix != Self.none { ids.append(prefix) }
            }
            let exact = exactWord[Int(node)]
            if exact != Self.none { ids.append(exact) }
        }
    }

    /// A censoring star (see `Tokenizer.wildcard`) and the vowels it may hide.
    private static let wildcard = UInt8(ascii: "*")
    private static let hiddenLetters: [UInt8] = Array("aeiouy".utf8)
    /// Censored words with more stars than this are not guessed.
    static let maxWildcards = 2

    /// `wordIDs` for a word with censoring stars ("k*t", "kl*te"): each star may be any vowel.
    private func wildcardWordIDs(_ bytes: [UInt8], into ids: inout [Int32]) {
        guard bytes.count(where: { $0 == Self.wildcard }) <= Self.maxWildcards else { return }
        var nodes: [Int32] = [0]
        for byte in bytes {
            var next: [Int32] = []
            for node in nodes {
                for letter in byte == Self.wildcard ? Self.hiddenLetters : [byte] {
                    let child = child(node, letter)
                    if child != Self.none { next.append(child) }
                }
            }
            nodes = next
            if nodes.isEmpty { return }
            for node in nodes where prefixWord[Int(node)] != Self.none && !ids.contains(prefixWord[Int(node)]) {
                ids.append(prefixWord[Int(node)])
            }
        }
        for node in nodes where exactWord[Int(node)] != Self.none && !ids.contains(exactWord[Int(node)]) {
            ids.append(exactWord[Int(node)])
        }
    }

    public func matches(in tokens: [Token]) -> [Match] {
        // The word ids of every token in one flat array: token i owns ids[bounds[i]..<bounds[i + 1]].
        var ids: [Int32] = []
        var bounds: [Int32] = [0]
        bounds.reserveCapacity(tokens.count + 1)
        // By index: the fields are read in place, no token is copied.
        for index in tokens.indices {
            wordIDs(tokens[index].canonical, into: &ids)
            if tokens[index].canonicalDoubles != tokens[index].canonical { wordIDs(tokens[index].canonicalDoubles, into: &ids) }
            bounds.append(Int32(ids.count))
        }
        guard !ids.isEmpty else { return [] }
        func candidates(_ index: Int) -> ArraySlice<Int32> { ids[Int(bounds[index])..<Int(bounds[index + 1])] }
        var found: [Match] = []
        var frontier: [Int32] = [], next: [Int32] = []
        for start in tokens.indices where bounds[start] < bounds[start + 1] {
            frontier.removeAll(keepingCapacity: true)
            frontier.append(0)
            var position = start
            while !frontier.isEmpty, position < tokens.count, bounds[position] < bounds[position + 1] {
                next.removeAll(keepingCapacity: true)
                for node in frontier {
                    for word in candidates(position) {
                        let child = phraseNext.value(UInt64(node) << 32 | UInt64(word))
                        guard child >= 0 else { continue }
                        next.append(child)
                        for pattern in outputs[Int(child)] {
                            found.append(Match(pattern: Int(pattern), tokens: start..<position + 1))
                        }
                    }
                }
                swap(&frontier, &next)
                position += 1
            }
        }
        return found
    }
}
