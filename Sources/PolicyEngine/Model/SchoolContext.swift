/// What the engine knows about the school when it checks a post (the second input of the contract).
/// Every section is optional: a missing section switches off the rules that need it, and the report
/// says so in `skipped`.
public struct SchoolContext: Codable, Sendable, Equatable {
    public struct School: Codable, Sendable, Equatable {
        public var name: String?
        public var brin: String?
        public var timeZone: String?
        public var phone: String?
        public var email: String?
        public var website: String?
        /// Extension: the school's own bank account and street address are not confidential.
        public var iban: String?
        public var address: String?
        public init(
            name: String? = nil, brin: String? = nil, timeZone: String? = nil, phone: String? = nil,
            email: String? = nil, website: String? = nil, iban: String? = nil, address: String? = nil
        ) {
            self.name = name
            self.brin = brin
            self.timeZone = timeZone
            self.phone = phone
            self.email = email
            self.website = website
            self.iban = iban
            self.address = address
        }
    }

    public struct TimeRange: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        public init(start: String, end: String) {
            self.start = start
            self.end = end
        }
    }

    public struct Hours: Codable, Sendable, Equatable {
        public var workdays: [String]?
        public var work: TimeRange?
        public var `class`: TimeRange?
        public var classByDay: [String: TimeRange]?
        public init(
            workdays: [String]? = nil, work: TimeRange? = nil, class: TimeRange? = nil,
            classByDay: [String: TimeRange]? = nil
        ) {
            self.workdays = workdays
            self.work = work
            self.class = `class`
            self.classByDay = classByDay
        }
    }

    public struct Group: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case `class`, school, council }
        public var id: String
        public var name: String?
        public var kind: Kind
        public var teachers: [String]?
        /// Extension: the parents and staff who sit on a council (MR/GMR/OR) group.
        public var members: [String]?
        public init(id: String, name: String? = nil, kind: Kind, teachers: [String]? = nil, members: [String]? = nil) {
            self.id = id
            self.name = name
            self.kind = kind
            self.teachers = teachers
            self.members = members
        }
    }

    public struct Staff: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var role: Post.Role
        /// Extension: a deactivated staff member may no longer post.
        public var active: Bool?
        public init(id: String, name: String? = nil, role: Post.Role, active: Bool? = nil) {
            self.id = id
            self.name = name
            self.role = role
            self.active = active
        }
    }

    public struct Parent: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var children: [String]?
        public init(id: String, name: String? = nil, children: [String]? = nil) {
            self.id = id
            self.name = name
            self.children = children
        }
    }

    /// The parents' yearly consent. Consent given for another school year does not count.
    public struct Consent: Codable, Sendable, Equatable {
        public var schoolYear: String?
        public var portalPhoto: Bool?
        public var portalName: Bool?
        public var externalPhoto: Bool?
        /// Extension: names on external channels (the website). Absent means not given.
        public var externalName: Bool?
        public init(
            schoolYear: String? = nil, portalPhoto: Bool? = nil, portalName: Bool? = nil,
            externalPhoto: Bool? = nil, externalName: Bool? = nil
        ) {
            self.schoolYear = schoolYear
            self.portalPhoto = portalPhoto
            self.portalName = portalName
            self.externalPhoto = externalPhoto
            self.externalName = externalName
        }
    }

    public struct Pupil: Codable, Sendable, Equatable {
        public var id: String
        public var firstName: String
        public var lastName: String?
        public var group: String?
        public var consent: Consent?
        public init(id: String, firstName: String, lastName: String? = nil, group: String? = nil, consent: Consent? = nil) {
            self.id = id
            self.firstName = firstName
            self.lastName = lastName
            self.group = group
            self.consent = consent
        }
    }

    public struct HistoryEntry: Codable, Sendable, Equatable {
        public var id: String?
        public var group: String
        public var postedAt: String
        public init(id: String? = nil, group: String, postedAt: String) {
            self.id = id
            self.group = group
            self.postedAt = postedAt
        }
    }

    public var school: School?
    public var schoolYear: String?
    public var hours: Hours?
    public var groups: [Group]?
    public var staff: [Staff]?
    public var parents: [Parent]?
    public var pupils: [Pupil]?
    public var history: [HistoryEntry]?

    public init(
        school: School? = nil, schoolYear: String? = nil, hours: Hours? = nil, groups: [Group]? = nil,
        staff: [Staff]? = nil, parents: [Parent]? = nil, pupils: [Pupil]? = nil, history: [HistoryEntry]? = nil
    ) {
        self.school = school
        self.schoolYear = schoolYear
        self.hours = hours
        self.groups = groups
        self.staff = staff
        self.parents = parents
        self.pupils = pupils
        self.history = history
    }

    public static let empty = SchoolContext()
}
