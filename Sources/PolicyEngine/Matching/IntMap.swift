/// The first slot to probe for a stored key (key + 1; 0 marks an empty slot) in a table of `mask + 1`
/// slots: a multiplicative hash, shared by `KeySet` and `IntMap`.
@inline(__always)
private func slotIndex(_ stored: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
}

/// A set of 64-bit keys with open addressing and a multiplicative hash: the matcher inserts a key for
/// every thread it moves, and the standard library's seeded hashing was a fifth of its time.
struct KeySet {
    private var slots: [UInt64]
    private var count = 0

    /// A set that holds about `expected` keys before it grows.
    init(expected: Int = 32) {
        var size = 64
        while size < expected * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
    }

    /// Inserts `key`; false when it was already there.
    mutating func insert(_ key: UInt64) -> Bool {
        let stored = key &+ 1  // 0 marks an empty slot
        if count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var index = slotIndex(stored, mask)
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

/// A map from 64-bit keys to non-negative 32-bit values with open addressing and a multiplicative
/// hash, for the automata's sparse transitions (the standard dictionary's seeded hashing dominated
/// their lookups).
struct IntMap: Sendable {
    private var keys: [UInt64] = Array(repeating: 0, count: 16)
    private var values: [Int32] = Array(repeating: -1, count: 16)
    private var count = 0

    /// The value stored for `key`, or -1.
    @inline(__always)
    func value(_ key: UInt64) -> Int32 {
        let stored = key &+ 1  // 0 marks an empty slot
        let mask = keys.count - 1
        var index = slotIndex(stored, mask)
        while true {
            let found = keys[index]
            if found == stored { return values[index] }
            if found == 0 { return -1 }
            index = (index + 1) & mask
        }
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(value >= 0, "IntMap holds non-negative values")
        if count * 2 >= keys.count { grow() }
        let stored = key &+ 1
        let mask = keys.count - 1
        var index = slotIndex(stored, mask)
        while keys[index] != 0 && keys[index] != stored { index = (index + 1) & mask }
        if keys[index] == 0 { count += 1 }
        keys[index] = stored
        values[index] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        count = 0
        for index in oldKeys.indices where oldKeys[index] != 0 { set(oldKeys[index] &- 1, oldValues[index]) }
    }
}
