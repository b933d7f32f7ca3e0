import Foundation
import Hummingbird
import SchoolStore

/// The administration's consent endpoints; the directie may read.
struct ConsentRoutes {
    let service: ModerationService

    struct RecordBody: Decodable {
        var pupil: String
        var purpose: ConsentPurpose
        var decision: Decision
        var source: ConsentSource
        var note: String?
        var schoolYear: String?

        enum Decision: String, Decodable { case given, refused }
    }

    struct WithdrawBody: Decodable {
        var pupil: String
        var purpose: ConsentPurpose
        var source: ConsentSource
        var note: String?
    }

    struct Outcome: Encodable {
        var pupil: String
        var purpose: ConsentPurpose
        var decision: ConsentDecision
        /// Published posts that show or name the pupil: to take down after a withdrawal or refusal.
        var postsToReview: [PostReference]
    }

    struct Listing: Encodable {
        var schoolYear: String
        var pupils: [PupilConsentStatus]
    }

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("v1/consent", use: list)
        router.post("v1/consent", use: record)
        router.post("v1/consent/withdraw", use: withdraw)
    }

    @Sendable func list(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.readConsent)
        let lacking = try request.option("lacking", allowed: ["true", "false"]) == "true"
        let group: String? = request.uri.queryParameters.get("group").map { String($0) }
        if let group { try Identifier.validate(group, field: "group") }
        let school = try context.school()
        if user.role == .teacher {
            // A teacher needs to know whom they may photograph or name, in their own groups only.
            guard let group else {
                throw Problem.invalid("a teacher reads the consent of one of their own groups: ?group=…", field: "group")
            }
            guard (school.group(withID: group)?.teachers ?? []).contains(user.id) else {
                throw Problem.forbidden("\(user.id) is not a teacher of \(group)")
            }
        }
        if let group { _ = try school.requireGroup(group) }
        var pupils = try service.store.consentStatus(group: group)
        if lacking { pupils = pupils.filter { !$0.lacking.isEmpty } }
        return try .json(Listing(schoolYear: try service.store.schoolYear(), pupils: pupils))
    }

    @Sendable func record(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.writeConsent)
        let body = try await request.decodeJSON(RecordBody.self, context: context)
        let decision: ConsentDecision = body.decision == .given ? .given : .refused
        let affected = try await record(
            body.pupil, body.purpose, decision, source: body.source, schoolYear: body.schoolYear, note: body.note, actor: user.id)
        return try .json(Outcome(pupil: body.pupil, purpose: body.purpose, decision: decision, postsToReview: affected), status: .created)
    }

    @Sendable func withdraw(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.writeConsent)
        let body = try await request.decodeJSON(WithdrawBody.self, context: context)
        let affected = try await record(
            body.pupil, body.purpose, .withdrawn, source: body.source, schoolYear: nil, note: body.note, actor: user.id)
        return try .json(Outcome(pupil: body.pupil, purpose: body.purpose, decision: .withdrawn, postsToReview: affected), status: .created)
    }

    /// Records the decision; a pupil named in the body that does not exist is a field error (422),
    /// not a missing resource.
    private func record(
        _ pupil: String, _ purpose: ConsentPurpose, _ decision: ConsentDecision, source: ConsentSource, schoolYear: String?, note: String?,
        actor: String
    ) async throws -> [PostReference] {
        try Identifier.validate(pupil, field: "pupil")
        let now = service.now()
        do {
            return try await service.writing { store in
                try store.recordConsent(
                    pupil: pupil, purpose: purpose, decision: decision, source: source, schoolYear: schoolYear, note: note, actor: actor,
                    now: now)
            }
        } catch StoreError.unknown(let kind, let id) where kind == "pupil" {
            throw Problem.invalid("this school has no pupil '\(id)'", field: "pupil")
        }
    }
}
