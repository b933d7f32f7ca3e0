import Foundation
import PolicyEngine

/// Reads the posts to check: JSON files, JSON Lines, or standard input. Any readable path counts as a
/// file, including `/dev/stdin`, pipes and process substitution (`<(…)`). Each post may be at most
/// `limit` bytes, so a huge file is refused instead of filling the memory.
struct PostInput {
    struct Item {
        var source: String
        var post: Post
    }

    /// 1 MiB: a post is a short text; a bigger one is a mistake (or an attack), not a post.
    static let defaultLimit = 1 << 20

    static func name(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    static func open(_ path: String) throws -> FileHandle {
        if path == "-" { return FileHandle.standardInput }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(source: path, message: "is a folder; name the post files in it (e.g. \(path)/*.json)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(
                source: path,
                message: FileManager.default.fileExists(atPath: path)
                    ? "cannot read the file (permission denied?)" : "cannot read the file: no such file")
        }
        return handle
    }

    /// The whole file, at most `limit` bytes.
    static func readData(_ path: String, limit: Int = defaultLimit) throws -> Data {
        let handle = try open(path)
        defer { if path != "-" { try? handle.close() } }
        var data = Data()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            if data.count > limit {
                throw InputError(source: name(path), message: "is larger than \(describe(limit)) (the limit per post; see --max-post-size)")
            }
        }
        return data
    }

    static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : bytes % 1024 == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    /// One post per file (or per standard input).
    static func documents(_ paths: [String], limit: Int = defaultLimit) throws -> [Item] {
        try paths.map { path in
            Item(source: name(path), post: try ContractDecoder.post(from: try readData(path, limit: limit), source: name(path)))
        }
    }

    /// One post per line; blank lines are skipped. Bad lines are reported and the rest still checked.
    /// The file is read in chunks, so its size does not matter; a line longer than `limit` is an error.
    static func lines(_ paths: [String], limit: Int = defaultLimit, each: (Result<Item, InputError>) -> Void) throws {
        for path in paths {
            let handle = try open(path)
            defer { if path != "-" { try? handle.close() } }
            let source = name(path)
            var lineNumber = 0
            var line = Data()
            var tooLong = false
            func finish() {
                lineNumber += 1
                defer {
                    line.removeAll(keepingCapacity: true)
                    tooLong = false
                }
                if tooLong {
                    each(.failure(InputError(source: "\(source):\(lineNumber)", message: "the line is longer than \(describe(limit))")))
                    return
                }
                guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { return }
                do {
                    let post = try ContractDecoder.post(from: line, source: source, line: lineNumber)
                    each(.success(Item(source: "\(source):\(lineNumber)", post: post)))
                } catch let error as InputError {
                    each(.failure(error))
                } catch {
                    each(.failure(InputError(source: "\(source):\(lineNumber)", message: "\(error)")))
                }
            }
            while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                var start = chunk.startIndex
                while let newline = chunk[start...].firstIndex(of: 0x0A) {
                    if !tooLong { line.append(chunk[start..<newline]) }
                    if line.count > limit { tooLong = true }
                    finish()
                    start = newline + 1
                }
                if !tooLong { line.append(chunk[start...]) }
                if line.count > limit {
                    tooLong = true
                    line.removeAll()
                }
            }
            if !line.isEmpty || tooLong { finish() }
        }
    }
}
