import GRDB

/// What went wrong in the store, said so an administrator can act on it.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case exists(path: String)
    case noSchool
    case unknown(kind: String, id: String)
    case duplicate(kind: String, id: String)
    case invalid(field: String, reason: String)
    case importRejected(problems: [ImportProblem])
    case inactiveStaff(id: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database \(path): \(reason)"
        case .exists(let path): "\(path) already exists; choose a new file name"
        case .noSchool: "the database holds no school yet; start with `moderate school init`"
        case .unknown(let kind, let id): "no \(kind) with id '\(id)'"
        case .duplicate(let kind, let id): "a \(kind) with id '\(id)' already exists"
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .importRejected(let problems):
            "the import was refused and nothing was changed (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                + problems.map(\.description).joined(separator: "\n")
        case .inactiveStaff(let id): "\(id) is no longer active; their posts are not accepted"
        }
    }
}

extension StoreError {
    /// Whether `error` means another program holds the database (an import, a backup, a server's
    /// write) longer than the busy timeout: not bad input, just a moment to wait.
    public static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode)
    }
}
