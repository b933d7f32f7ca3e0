import Foundation

/// An input document (post, context) that could not be read, with the file and the field that is wrong.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// Not JSON at all (HTTP 400).
        case syntax
        /// JSON, but a field is missing or wrong (HTTP 422).
        case field
    }

    public var source: String
    public var message: String
    public var kind: Kind
    /// The field at fault, when known ("author.role").
    public var field: String?

    public init(source: String, message: String, kind: Kind = .field, field: String? = nil) {
        self.source = source
        self.message = message
        self.kind = kind
        self.field = field
    }
    public var description: String { "\(source): error: \(message)" }
}

/// Decodes the JSON documents of the check contract with errors that name the field.
public enum ContractDecoder {
    /// `line` is where the document starts in its file (JSON Lines); errors then name that line.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String, line: Int? = nil) throws -> T {
        let place = line.map { "\(source):\($0)" } ?? source
        if let problem = TextValidity.firstProblem(in: Array(data)) {
            throw InputError(
                source: "\(source):\((line ?? 1) + problem.line - 1):\(problem.column)", message: problem.message, kind: .syntax)
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if let problem = JSONSyntax.firstProblem(in: Array(data)) {
                throw InputError(
                    source: "\(source):\((line ?? 1) + problem.line - 1):\(problem.column)", message: "not valid JSON: \(problem.message)",
                    kind: .syntax)
            }
            throw InputError(source: place, message: DecodingErrorText.describe(error), field: DecodingErrorText.field(error))
        } catch {
            throw InputError(source: place, message: "not valid JSON (\(error.localizedDescription))", kind: .syntax)
        }
    }

    /// A post, validated beyond its JSON shape.
    public static func post(from data: Data, source: String, line: Int? = nil) throws -> Post {
        let post = try decode(Post.self, from: data, source: source, line: line)
        if let postedAt = post.postedAt, LocalTime.parseISO8601(postedAt) == nil {
            throw InputError(
                source: line.map { "\(source):\($0)" } ?? source,
                message: "field 'postedAt': '\(postedAt)' is not an ISO 8601 time with offset, e.g. 2026-11-24T15:10:00+01:00",
                field: "postedAt")
        }
        return post
    }

    public static func context(from data: Data, source: String) throws -> SchoolContext {
        let context = try decode(SchoolContext.self, from: data, source: source)
        try DuplicateIds.check(context, data: data, source: source)
        do {
            try HoursValidator.validate(context)
        } catch let error as HoursError {
            throw InputError(source: source, message: error.message)
        }
        return context
    }
}

public enum ContextLoader {
    /// 64 MiB: a school of a thousand pupils with a year of history is well under 2 MiB.
    public static let sizeLimit = 64 << 20

    public static func load(path: String) throws -> SchoolContext {
        try ContractDecoder.context(from: try read(path), source: path)
    }

    /// Reads any readable path (a file, `/dev/stdin`, a pipe or process substitution), up to the limit.
    static func read(_ path: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(
                source: path,
                message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "cannot read the file: no such file")
        }
        defer { try? handle.close() }
        var data = Data()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            guard data.count <= sizeLimit else { throw InputError(source: path, message: "is larger than 64 MiB; is it a school context?") }
        }
        return data
    }
}

/// A time, weekday or time zone that cannot be right.
public struct HoursError: Error, Sendable {
    public var message: String
}

/// Checks the parts of a context that JSON cannot: times, weekdays, the time zone, history times.
public enum HoursValidator {
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public static func validate(_ context: SchoolContext) throws {
        if let zone = context.school?.timeZone, TimeZone(identifier: zone) == nil {
            throw HoursError(message: "field 'school.timeZone': '\(zone)' is not a known time zone (e.g. Europe/Amsterdam)")
        }
        if let hours = context.hours { try validate(hours, field: "hours") }
        for (index, entry) in (context.history ?? []).enumerated() where LocalTime.parseISO8601(entry.postedAt) == nil {
            throw HoursError(message: "field 'history[\(index)].postedAt': '\(entry.postedAt)' is not an ISO 8601 time with offset")
        }
    }

    static func validate(_ hours: SchoolContext.Hours, field: String) throws {
        func fail(_ message: String) -> HoursError { HoursError(message: "field '\(field)': \(message)") }
        for day in hours.workdays ?? [] where !weekdays.contains(day) {
            throw fail("'\(day)' is not a weekday; use \(weekdays.joined(separator: ", "))")
        }
        var ranges: [(String, SchoolContext.TimeRange)] = []
        if let work = hours.work { ranges.append(("work", work)) }
        if let lessons = hours.class { ranges.append(("class", lessons)) }
        for (day, range) in (hours.classByDay ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard weekdays.contains(day) else { throw fail("classByDay: '\(day)' is not a weekday") }
            ranges.append(("classByDay.\(day)", range))
        }
        for (name, range) in ranges {
            guard let start = LocalTime.minutes(range.start), let end = LocalTime.minutes(range.end) else {
                throw fail("\(name): times are written HH:MM, e.g. 08:30")
            }
            guard start < end else { throw fail("\(name): the start \(range.start) is not before the end \(range.end)") }
        }
    }
}

/// Two pupils (or groups, staff members, parents) with one id would make consent and names
/// ambiguous: an error that names both lines.
enum DuplicateIds {
    static func check(_ context: SchoolContext, data: Data, source: String) throws {
        let sections: [(String, [String])] = [
            ("groups", context.groups?.map(\.id) ?? []), ("staff", context.staff?.map(\.id) ?? []),
            ("parents", context.parents?.map(\.id) ?? []), ("pupils", context.pupils?.map(\.id) ?? []),
        ]
        for (section, ids) in sections {
            var seen: Set<String> = []
            guard let duplicate = ids.first(where: { !seen.insert($0).inserted }) else { continue }
            let lines = self.lines(of: duplicate, in: Array(data))
            let place = lines.count >= 2 ? "lines \(lines[0]) and \(lines[1])" : "twice"
            throw InputError(
                source: lines.count >= 2 ? "\(source):\(lines[1])" : source,
                message: "\(section): the id '\(duplicate)' appears \(place); every id must be unique", field: section)
        }
    }

    /// The lines where `"id": "<id>"` is written.
    static func lines(of id: String, in bytes: [UInt8]) -> [Int] {
        guard let encoded = try? JSONEncoder().encode(id) else { return [] }
        let value = Array(encoded)
        let key = Array("\"id\"".utf8)
        var result: [Int] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            if bytes[index] == key[0], bytes[index...].starts(with: key) {
                var cursor = index + key.count
                while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x3A].contains(bytes[cursor]) { cursor += 1 }
                if bytes[cursor...].starts(with: value) { result.append(line) }
            }
            index += 1
        }
        return result
    }
}
