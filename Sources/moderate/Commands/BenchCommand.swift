import ArgumentParser
import Foundation
import PolicyEngine

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (build with -c release): check throughput, and the store's import and report.",
        subcommands: [CheckBench.self, StoreBench.self],
        defaultSubcommand: CheckBench.self
    )
}

struct CheckBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Measure check throughput on one core (build with -c release).",
        discussion: """
            Reads posts as JSON Lines ({"id","text"} or full posts; missing author, group and time are \
            filled in from the context so every rule runs), checks them all several times and prints the \
            median. Then it grows every word list tenfold with made-up words and measures again, to show \
            that the cost does not grow with the lists.
            """
    )

    @Argument(help: ArgumentHelp("Posts, one JSON object per line.", valueName: "posts.jsonl"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The school context (JSON).", valueName: "file"))
    var context: String

    @OptionGroup var pack: PackOptions

    @Option(name: .long, help: "Timed passes over all posts (the median is reported).")
    var runs: Int = 7

    @Option(name: .long, help: "How many times larger the word lists get in the second measurement.")
    var scale: Int = 10

    @Option(name: .long, help: "Also measure with the posts split over this many threads sharing one engine (what a server gets).")
    var threads: Int = 1

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be from 1 to 64") }
    }

    func run() throws {
        #if DEBUG
            Console.error("note: this is a debug build; measure with `swift run -c release moderate bench …`")
        #endif
        let basePack: RulePack
        let school: SchoolContext
        var posts: [Post] = []
        do {
            basePack = try pack.loadPack()
            school = try ContextLoader.load(path: context)
            var bad: [InputError] = []
            try PostInput.lines([file]) { result in
                switch result {
                case .success(let item): posts.append(item.post)
                case .failure(let error): bad.append(error)
                }
            }
            if let first = bad.first { throw first }
        } catch {
            throw failInput(error)
        }
        guard !posts.isEmpty else { throw failInput(InputError(source: file, message: "no posts in the file")) }
        posts = posts.map { Self.completed($0, school: school) }
        let bytes = posts.reduce(0) { $0 + $1.text.utf8.count }
        let scalars = posts.reduce(0) { $0 + $1.text.unicodeScalars.count }
        Console.out(
            "posts: \(posts.count), mean length \(scalars / posts.count) characters; pupils on roster: \(school.pupils?.count ?? 0); runs: \(runs)"
        )
        for (label, variant) in [("pack as shipped", basePack), ("word lists ×\(scale)", Self.scaled(basePack, by: scale))] {
            let terms = variant.rules.reduce(0) { total, rule in
                if case .terms(let list) = rule.matcher { return total + list.terms.count + list.exceptions.count }
                return total
            }
            let compileStart = DispatchTime.now().uptimeNanoseconds
            let engine = Engine(pack: variant)
            let compileMs = Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e6
            let prepared = engine.prepare(school)
            let result = measure(engine, prepared, posts)
            let seconds = result.medianSeconds
            Console.out(
                String(
                    format:
                        "%@: %d rules, %d terms (compiled in %.1f ms) — %.0f posts/s, %.1f µs/post (median of %d; min %.1f, max %.1f), %.1f MB/s, %d findings",
                    label, variant.rules.count, terms, compileMs, Double(posts.count) / seconds,
                    seconds / Double(posts.count) * 1e6, runs, result.minSeconds / Double(posts.count) * 1e6,
                    result.maxSeconds / Double(posts.count) * 1e6, Double(bytes) / seconds / 1e6, result.findings))
            if threads > 1 {
                let parallel = measureParallel(engine, prepared, posts)
                Console.out(
                    String(
                        format: "  on %d threads sharing the engine: %.0f posts/s (median of %d), %.1f× one thread", threads,
                        Double(posts.count) / parallel, runs, seconds / parallel))
            }
        }
    }

    /// Wall time (median) of checking all posts split over `threads` threads.
    private func measureParallel(_ engine: Engine, _ context: PreparedContext, _ posts: [Post]) -> Double {
        let threads = self.threads
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: threads) { part in
                var sink = 0
                for index in stride(from: part, to: posts.count, by: threads) {
                    sink &+= engine.evaluate(posts[index], context: context).findings.count
                }
                precondition(sink >= 0)
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return times[times.count / 2]
    }

    private struct Measurement {
        var medianSeconds: Double
        var minSeconds: Double
        var maxSeconds: Double
        var findings: Int
    }

    private func measure(_ engine: Engine, _ context: PreparedContext, _ posts: [Post]) -> Measurement {
        var findings = 0
        for post in posts { findings += engine.evaluate(post, context: context).findings.count }  // warm-up
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            var sink = 0
            for post in posts { sink &+= engine.evaluate(post, context: context).findings.count }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            precondition(sink == findings, "the engine must be deterministic")
        }
        times.sort()
        return Measurement(medianSeconds: times[times.count / 2], minSeconds: times.first!, maxSeconds: times.last!, findings: findings)
    }

    /// Bench posts often carry only id and text: give them an author, group and time from the context
    /// so the context rules run too.
    static func completed(_ post: Post, school: SchoolContext) -> Post {
        var post = post
        let group = school.groups?.first { $0.kind == .class }
        if post.group == nil { post.group = group?.id }
        if post.author == nil, let teacher = group?.teachers?.first { post.author = Post.Author(id: teacher, role: .teacher) }
        if post.postedAt == nil { post.postedAt = "2026-11-24T15:10:00+01:00" }
        return post
    }

    /// The same pack with every word list grown by made-up words (which never match real text), to
    /// show what list size costs.
    static func scaled(_ pack: RulePack, by factor: Int) -> RulePack {
        var pack = pack
        var generator = SplitMix(seed: 2026)
        for index in pack.rules.indices {
            guard case .terms(var list) = pack.rules[index].matcher else { continue }
            let extra = list.terms.count * (factor - 1)
            for n in 0..<extra {
                let word = generator.word()
                list.terms.append(n % 5 == 0 ? word + "*" : n % 7 == 0 ? word + " " + generator.word() : word)
            }
            pack.rules[index].matcher = .terms(list)
        }
        // Lexicons grow alike: the pattern rules' word classes hold ×factor entries.
        for name in pack.lexicons.keys {
            guard var lexicon = pack.lexicons[name] else { continue }
            let extra = lexicon.entries.count * (factor - 1)
            for n in 0..<extra { lexicon.entries.append(n % 5 == 0 ? generator.word() + "*" : generator.word()) }
            pack.lexicons[name] = lexicon
        }
        return pack
    }
}

/// A small deterministic generator, so the scaled lists are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func word() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let length = 5 + Int(next() % 8)
        return String((0..<length).map { _ in letters[Int(next() % 26)] })
    }
}
