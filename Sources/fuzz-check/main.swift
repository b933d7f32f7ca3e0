import CFuzzerDriver
import Foundation
import PolicyEngine

// Fuzzes the check path: bytes → post JSON → evaluation against the demo school with the bundled
// pack. Anything but a report or an InputError (a crash, a trap, a hang, a span outside the text)
// is a finding. Build and run:
//   swift build -c release --product fuzz-check --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer
//   .build/fuzz/release/fuzz-check -max_total_time=60 fuzz/corpus
// A plain build replays the files it is given (to rerun a crash under the debugger).

let engine = Engine(pack: try! RulePackLoader.bundled())
let context = engine.prepare(engine.pack.exampleContext)

func checkOne(_ data: Data) {
    // Two readings of the same bytes: as a post document, and as the text of a post.
    if let post = try? ContractDecoder.post(from: data, source: "fuzz") { verify(post) }
    verify(Post(group: "groep-5b", text: String(decoding: data, as: UTF8.self)))
}

func verify(_ post: Post) {
    let report = engine.evaluate(post, context: context)
    let length = post.text.unicodeScalars.count
    for finding in report.findings {
        for span in finding.spans where span.start < 0 || span.end > length || span.start > span.end {
            fatalError("span \(span) outside a text of \(length) scalars (rule \(finding.rule))")
        }
    }
    _ = ReportJSON.bytes(report)
}

// libFuzzer may rewrite its arguments: hand it a copy of argv it can change.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = moderate_run_fuzzer(&argc, &argv) { bytes, size in
    checkOne(Data(bytes: bytes!, count: size))
    return 0
}
if status == -1 {
    // Not built with -sanitize=fuzzer: replay the files named on the command line.
    let files = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
    var count = 0
    for path in files {
        let url = URL(fileURLWithPath: path)
        let paths =
            (try? FileManager.default.contentsOfDirectory(atPath: path).map { url.appendingPathComponent($0).path }) ?? [path]
        for file in paths {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            checkOne(data)
            count += 1
        }
    }
    print("replayed \(count) inputs without a failure (build with -sanitize=fuzzer to fuzz)")
}
