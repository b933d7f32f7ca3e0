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
    private var sparse: [UInt64: Int32]
    private var exactWord: [Int32]
    private var prefixWord: [Int32]
    private var phraseNext: [UInt64: Int32]
    private var outputs: [[Int32]]

    public init(patterns: [TermPattern]) {
        dense = [Int32](repeating: Self.none, count: Self.denseWidth)
        sparse = [:]
        exactWord = [Self.none]
        prefixWord = [Self.none]
        phraseNext = [:]
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
        return sparse[UInt64(node) << 32 | UInt64(value)] ?? Self.none
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
                    sparse[UInt64(node) << 32 | UInt64(byte)] = next
                }
            }
            node = next
        }
        if word.isPrefix { prefixWord[Int(node)] = id } else { exactWord[Int(node)] = id }
        return id
    }

    private mutating func phraseChild(_ node: Int32, _ word: Int32) -> Int32 {
        let key = UInt64(node) << 32 | UInt64(word)
        if let next = phraseNext[key] { return next }
        let next = Int32(outputs.count)
        outputs.append([])
        phraseNext[key] = next
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
        var candidates: [[Int32]] = Array(repeating: [], count: tokens.count)
        var any = false
        for index in tokens.indices {
            let token = tokens[index]
            wordIDs(token.canonical, into: &candidates[index])
            if token.canonicalDoubles != token.canonical { wordIDs(token.canonicalDoubles, into: &candidates[index]) }
            any = any || !candidates[index].isEmpty
        }
        guard any else { return [] }
        var found: [Match] = []
        for start in tokens.indices where !candidates[start].isEmpty {
            var frontier: [Int32] = [0]
            var position = start
            while !frontier.isEmpty, position < tokens.count, !candidates[position].isEmpty {
                var next: [Int32] = []
                for node in frontier {
                    for word in candidates[position] {
                        guard let child = phraseNext[UInt64(node) << 32 | UInt64(word)] else { continue }
                        next.append(child)
                        for pattern in outputs[Int(child)] {
                            found.append(Match(pattern: Int(pattern), tokens: start..<position + 1))
                        }
                    }
                }
                frontier = next
                position += 1
            }
        }
        return found
    }
}
