import Foundation
import GRDB
import PolicyEngine

/// The purposes parents give consent for, each school year anew.
public enum ConsentPurpose: String, Codable, CaseIterable, Sendable {
    case portalPhoto, portalName, externalPhoto, externalName

    /// How the administration calls it.
    public var dutch: String {
        switch self {
        case .portalPhoto: "foto portaal"
        case .portalName: "naam portaal"
        case .externalPhoto: "foto extern"
        case .externalName: "naam extern"
        }
    }
}

public enum ConsentDecision: String, Codable, CaseIterable, Sendable {
    case given, refused, withdrawn
}

/// How a consent decision reached the school.
public enum ConsentSource: String, Codable, CaseIterable, Sendable {
    case paper, app, `import`, email, verbal
}

struct SchoolRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "school"
    var id: Int64 = 1
    var name: String
    var brin: String?
    var timeZone: String
    var phone: String?
    var email: String?
    var website: String?
    var iban: String?
    var address: String?
    var schoolYear: String
    var hours: String?
}

public struct StaffRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "staff"
    public var id: String
    public var name: String?
    public var role: String
    public var active: Bool
    public var deactivatedAt: String?
    public var email: String? = nil
    public var passwordHash: String? = nil
}

public struct GroupRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "group"
    public var id: String
    public var name: String?
    public var kind: String
}

struct ParentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "parent"
    var id: String
    var name: String?
    var email: String?
}

public struct PupilRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "pupil"
    public var id: String
    public var firstName: String
    public var lastName: String?
    public var groupId: String?
}

public struct ConsentRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "consentRecord"
    public var id: Int64?
    public var pupilId: String
    public var purpose: ConsentPurpose
    public var schoolYear: String
    public var decision: ConsentDecision
    public var recordedBy: String
    public var recordedAt: String
    public var source: ConsentSource
    public var note: String?
}

public struct PostRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "post"
    public var id: String
    public var kind: String
    public var channel: String
    public var groupId: String?
    public var authorId: String?
    public var authorRole: String?
    public var postedAt: String?
    public var postedAtEpoch: Int64?
    public var text: String?
    public var verdict: String
    public var status: String
    public var report: String
    public var submittedAt: String
    public var purgedAt: String?
    /// The post a comment answers.
    public var replyTo: String?
    /// The categories of the report's findings, sorted, comma-separated ("" for none).
    public var categories: String = ""
}

public struct AuditEntry: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "auditLog"
    public var id: Int64?
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String?
    public var detail: String?
}

enum Timestamp {
    /// UTC with seconds: sortable as text.
    static func string(_ date: Date) -> String {
        date.ISO8601Format()
    }
}

extension Database {
    /// Appends to the audit log inside the caller's transaction: the change and its record commit together.
    func audit(_ actor: String, _ action: String, subject: String? = nil, detail: String? = nil, at now: Date) throws {
        let entry = AuditEntry(id: nil, at: Timestamp.string(now), actor: actor, action: action, subject: subject, detail: detail)
        try entry.insert(self)
    }
}
