import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

struct SchoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "school",
        abstract: "Set up the school: details, school year, hours and groups.",
        subcommands: [Initialise.self, Show.self, AddGroup.self]
    )

    struct Initialise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the school (or update it) from a school context file: details, hours, groups and staff.",
            discussion:
                "Pupils and consent come from the roster import (`moderate pupils import`); pupils in the file are not imported here."
        )

        @Argument(help: ArgumentHelp("A school context (JSON), e.g. examples/school.json.", valueName: "school.json"))
        var file: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let context: SchoolContext
            do { context = try ContextLoader.load(path: file) } catch { throw failInput(error) }
            guard let school = context.school, let year = context.schoolYear else {
                throw failInput(InputError(source: file, message: "the file needs 'school' and 'schoolYear'"))
            }
            let database = try store.open(create: true)
            let actor = store.resolvedActor
            let now = Date()
            try storeOperation {
                try database.setUpSchool(school, schoolYear: year, hours: context.hours, actor: actor, now: now)
                let existingStaff = Set(try database.staff().map(\.id))
                for member in context.staff ?? [] where !existingStaff.contains(member.id) {
                    try database.addStaff(id: member.id, name: member.name, role: member.role, actor: actor, now: now)
                    if member.active == false { try database.setStaffActive(id: member.id, active: false, actor: actor, now: now) }
                }
                let existingGroups = Set(try database.groups().map(\.id))
                for group in context.groups ?? [] where !existingGroups.contains(group.id) {
                    try database.addGroup(
                        id: group.id, name: group.name, kind: group.kind, teachers: group.teachers ?? [], members: group.members ?? [],
                        actor: actor, now: now)
                }
            }
            Console.out(
                "\(school.name ?? "school") (\(year)) in \(database.location): \(context.groups?.count ?? 0) groups, \(context.staff?.count ?? 0) staff"
            )
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the school context the checks use (JSON).")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let context = try storeOperation { try database.context(now: Date()) }
            Console.out(try JSONOutput.string(context, pretty: true))
        }
    }

    struct AddGroup: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-group", abstract: "Add a class, school or council group.")

        @Argument(help: "Group id, e.g. groep-5b.") var id: String
        @Option(help: "Display name, e.g. 'Groep 5B'.") var name: String?
        @Option(help: "class, school or council.") var kind: String = "class"
        @Option(name: .customLong("teacher"), help: "A teacher of the group (repeatable).") var teachers: [String] = []
        @Option(name: .customLong("member"), help: "A council member (repeatable).") var members: [String] = []
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard SchoolContext.Group.Kind(rawValue: kind) != nil else { throw ValidationError("--kind must be class, school or council") }
        }

        func run() throws {
            let database = try store.open()
            try storeOperation {
                try database.addGroup(
                    id: id, name: name, kind: SchoolContext.Group.Kind(rawValue: kind)!, teachers: teachers, members: members,
                    actor: store.resolvedActor, now: Date())
            }
            Console.out("group \(id) added")
        }
    }
}

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Staff members: add, deactivate (access stops at once), list; API tokens.",
        subcommands: [Add.self, Deactivate.self, Activate.self, List.self, Password.self, SecondFactor.self, TokenCommand.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff member.")
        @Argument(help: "Staff id, e.g. t-devries.") var id: String
        @Option(help: "Name.") var name: String?
        @Option(help: "teacher, directie or admin.") var role: String
        @Option(help: "E-mail address; the web pages accept it as the login name.") var email: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard let role = Post.Role(rawValue: role), role != .parent else {
                throw ValidationError("--role must be teacher, directie or admin")
            }
        }

        func run() throws {
            let database = try store.open()
            try storeOperation {
                try database.addStaff(id: id, name: name, role: Post.Role(rawValue: role)!, actor: store.resolvedActor, now: Date())
                if let email { try database.setStaffEmail(staff: id, email: email, actor: store.resolvedActor, now: Date()) }
            }
            Console.out("staff member \(id) added")
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A staff member left: their posts are refused from now on.")
        @Argument var id: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            try storeOperation { try database.setStaffActive(id: id, active: false, actor: store.resolvedActor, now: Date()) }
            Console.out("\(id) deactivated")
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a deactivated staff member access again.")
        @Argument var id: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            try storeOperation { try database.setStaffActive(id: id, active: true, actor: store.resolvedActor, now: Date()) }
            Console.out("\(id) activated")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff members.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let staff = try storeOperation { try database.staff() }
            Console.out(
                table(
                    ["id", "name", "role", "active"],
                    staff.map { [$0.id, $0.name ?? "", $0.role, $0.active ? "yes" : "no (since \($0.deactivatedAt ?? "?"))"] }))
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a staff member's password for the web pages (ends their sessions).",
            discussion: """
                The password is read from the terminal without echo, or as the first line of standard input \
                (`printf '%s\\n' "$PASSWORD" | moderate staff password ID`). With --generate a random one is \
                set and printed once. Use at least 10 characters.
                """)
        @Argument(help: "Staff id.") var id: String
        @Flag(help: "Set a random password and print it.") var generate = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let password: String
            if generate {
                let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
                var generator = SystemRandomNumberGenerator()
                password = (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(
                    separator: "-")
            } else if isatty(STDIN_FILENO) == 1 {
                guard let first = getpass("new password for \(id): ").map({ String(cString: $0) }),
                    let second = getpass("again: ").map({ String(cString: $0) }), first == second
                else {
                    Console.error("moderate: the two passwords differ; nothing was changed")
                    throw ExitStatus.badInput.code
                }
                password = first
            } else {
                guard let line = readLine(strippingNewline: true) else {
                    Console.error("moderate: no password on standard input; nothing was changed")
                    throw ExitStatus.badInput.code
                }
                password = line
            }
            try storeOperation { try database.setPassword(staff: id, password: password, actor: store.resolvedActor, now: Date()) }
            if generate { Console.out(password) }
            Console.error("password of \(id) set; their web sessions have ended")
        }
    }

    struct SecondFactor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "totp", abstract: "The second factor (authenticator app) of the web pages.", subcommands: [Reset.self])

        struct Reset: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a staff member's authenticator app and recovery codes; they enrol a new one at the next sign-in.")
            @Argument(help: "Staff id.") var id: String
            @OptionGroup var store: StoreOptions

            func run() throws {
                let database = try store.open()
                try storeOperation { try database.resetSecondFactor(staff: id, actor: store.resolvedActor, now: Date()) }
                Console.out("authenticator app of \(id) removed; they enrol a new one at their next sign-in")
            }
        }
    }
}
