import Foundation
import PolicyEngine

/// Reads the posts to check: JSON files, JSON Lines, or standard input.
struct PostInput {
    struct Item {
        var source: String
        var post: Post
    }

    static func readData(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(source: path, message: "cannot read the file (does it exist?)")
        }
        return data
    }

    /// One post per file (or per standard input).
    static func documents(_ paths: [String]) throws -> [Item] {
        try paths.map { path in
            let source = path == "-" ? "<stdin>" : path
            return Item(source: source, post: try ContractDecoder.post(from: try readData(path), source: source))
        }
    }

    /// One post per line; blank lines are skipped. Bad lines are reported and the rest still checked.
    static func lines(_ paths: [String], each: (Result<Item, InputError>) -> Void) throws {
        for path in paths {
            let data = try readData(path)
            let name = path == "-" ? "<stdin>" : path
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
                do {
                    let post = try ContractDecoder.post(from: Data(line), source: name, line: lineNumber)
                    each(.success(Item(source: "\(name):\(lineNumber)", post: post)))
                } catch let error as InputError {
                    each(.failure(error))
                }
            }
        }
    }
}
