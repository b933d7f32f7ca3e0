import ArgumentParser
import Foundation
import SchoolStore

/// Bearer tokens for the HTTP API. A token carries its owner's role; it is shown once and stored
/// only as a hash.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens: issue (shown once), revoke, list.",
        subcommands: [Issue.self, Revoke.self, List.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token for a staff member (their role) or a parent.",
            discussion:
                "The token is printed once on standard output; only its hash is stored. Deactivating the staff member stops it at once."
        )
        @Argument(help: "Staff id or parent id, e.g. t-devries or o-012.") var subject: String
        @Option(help: "What the token is for, e.g. 'portal integration'.") var label: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let issued = try storeOperation { try database.issueToken(for: subject, label: label, actor: store.resolvedActor, now: Date()) }
            Console.error("token \(issued.id) for \(subject); keep it secret, it is not shown again:")
            Console.out(issued.token)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (the 16 hex digits after mdr_).")
        @Argument(help: "Token id.") var id: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            try storeOperation { try database.revokeToken(id, actor: store.resolvedActor, now: Date()) }
            Console.out("token \(id) revoked")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (ids, owners, roles; never the secrets).")
        @Option(help: "Only the tokens of this staff member or parent.") var subject: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let tokens = try storeOperation { try database.tokens(subject: subject) }
            Console.out(
                table(
                    ["id", "owner", "role", "label", "issued", "revoked"],
                    tokens.map { [$0.id, $0.subjectId, $0.role, $0.label ?? "", $0.createdAt, $0.revokedAt ?? ""] }))
        }
    }
}
