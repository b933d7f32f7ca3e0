import Foundation
import Hummingbird
import NIOCore
import PolicyEngine
import SchoolStore

/// Checking and submitting posts, and taking them down.
struct PostRoutes {
    let service: ModerationService

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.post("v1/check", use: check)
        router.post("v1/posts", use: submit)
        router.delete("v1/posts/{id}", use: remove)
    }

    /// The author is always the caller: a token cannot speak for someone else.
    private func authored(_ post: Post, by user: APIUser, now: Date) -> Post {
        var post = post
        post.author = Post.Author(id: user.id, role: user.role)
        if post.postedAt == nil { post.postedAt = LocalTime.iso8601UTC(epochSeconds: Int64(now.timeIntervalSince1970.rounded(.down))) }
        return post
    }

    /// Teachers work in their own groups only (class groups they teach, councils they sit on).
    private func requireOwnGroup(_ group: SchoolContext.Group?, _ user: APIUser) throws {
        guard user.role == .teacher else { return }
        guard let group else { throw Problem.invalid("a teacher's post needs its group", field: "group") }
        let own = (group.teachers ?? []).contains(user.id) || (group.members ?? []).contains(user.id)
        guard own else { throw Problem.forbidden("\(user.id) is not a teacher of \(group.id); teachers post only in their own groups") }
    }

    /// Parents comment, in the groups of their own children and on school-wide posts; they post only
    /// as council members, in their own council group.
    private func requireParentMayPost(_ post: Post, in group: SchoolContext.Group?, _ user: APIUser, _ context: PreparedContext) throws {
        guard user.role == .parent else { return }
        if post.kind == .post {
            guard group?.kind == .council, (group?.members ?? []).contains(user.id) else {
                throw Problem.forbidden("parents comment on posts; they do not post (except council members in their own council group)")
            }
            return
        }
        guard let group else { throw Problem.invalid("a comment needs the group of the post it answers", field: "group") }
        let children = Set(context.context.parents?.first { $0.id == user.id }?.children ?? [])
        let childGroups = Set((context.context.pupils ?? []).filter { children.contains($0.id) }.compactMap(\.group))
        let mayComment =
            group.kind == .school || childGroups.contains(group.id) || (group.kind == .council && (group.members ?? []).contains(user.id))
        guard mayComment else {
            throw Problem.forbidden("\(user.id) has no child in \(group.id); parents comment in their children's groups")
        }
    }

    /// The caller (allowed `action`), their post as the engine sees it, the school with the group's
    /// recent posts, and the pupils a report may name to this caller.
    private func incoming(_ request: Request, _ context: APIRequestContext, _ action: Action) async throws -> Incoming {
        let user = try context.require(action)
        return try incoming(try await request.decodePost(context: context), by: user, in: try context.school())
    }

    /// The same checks for a post from any source (the API's JSON, a web form): ids, the group, own
    /// groups only, pupils the caller may tag.
    func incoming(_ post: Post, by user: APIUser, in school: ContextCache.Snapshot) throws -> Incoming {
        let now = service.now()
        var post = authored(post, by: user, now: now)
        try validateIds(post)
        let visibility = Visibility(user: user, school: school.school.context)
        if let replyTo = post.replyTo { post.group = try answered(replyTo, by: post, visibility) }
        let group = try post.group.map { try school.requireGroup($0) }
        let prepared = try service.contexts.context(for: post.group, in: school, now: now)
        try requireOwnGroup(group, user)
        try requireTaggable(post, visibility)
        return Incoming(user: user, post: post, group: group, prepared: prepared, now: now, visibility: visibility)
    }

    /// The report for a post that passed `incoming`.
    func report(_ incoming: Incoming, language: Language) -> Report {
        let report = service.engine.evaluate(
            incoming.post, context: incoming.prepared, language: language, visiblePupils: incoming.visiblePupils)
        service.metrics.checked(verdict: report.verdict.rawValue)
        return report
    }

    /// Checks and stores a post that passed `incoming`: published, to the directie, or refused.
    func submit(_ incoming: Incoming, language: Language) async throws -> SubmittedPost {
        let (user, post, prepared, now) = (incoming.user, incoming.post, incoming.prepared, incoming.now)
        try requireParentMayPost(post, in: incoming.group, user, prepared)
        let report = service.engine.evaluate(post, context: prepared, language: language, visiblePupils: incoming.visiblePupils)
        let mentioned = service.engine.pupilsMentioned(in: post, context: prepared)
        let visibility = incoming.visibility
        let submitted = try await service.writing {
            try $0.submit(
                post, report: report, named: mentioned.named, shown: mentioned.shown, now: now, mayReveal: { visibility.maySee($0) })
        }
        service.metrics.submitted(status: submitted.status.rawValue)
        return submitted
    }

    struct Incoming {
        var user: APIUser
        var post: Post
        var group: SchoolContext.Group?
        var prepared: PreparedContext
        var now: Date
        var visibility: Visibility
        var visiblePupils: Set<String>? { visibility.pupils(postGroup: post.group) }
    }

    private func validateIds(_ post: Post) throws {
        if let id = post.id { try Identifier.validate(id, field: "id") }
        if let group = post.group { try Identifier.validate(group, field: "group") }
        if let replyTo = post.replyTo { try Identifier.validate(replyTo, field: "replyTo") }
        for (index, image) in post.images.enumerated() {
            if let id = image.id { try Identifier.validate(id, field: "images[\(index)].id") }
        }
    }

    /// A comment answers a post the caller can see, in that post's group. An unknown post and one
    /// the caller may not see get the same answer.
    private func answered(_ replyTo: String, by post: Post, _ visibility: Visibility) throws -> String? {
        guard post.kind == .comment else { throw Problem.invalid("only a comment answers a post; leave replyTo out", field: "replyTo") }
        guard let target = try service.store.post(replyTo), visibility.maySee(target) else {
            throw Problem.invalid("there is no post '\(replyTo)' you can answer", field: "replyTo")
        }
        if let group = post.group, group != target.groupId {
            throw Problem.invalid("a comment goes in the group of the post it answers ('\(target.groupId ?? "")')", field: "group")
        }
        return target.groupId
    }

    /// Seed 004 and the privacy of pupils: a photo may be tagged only with pupils the caller may see;
    /// a parent's comment carries no pupil photos. Unknown and foreign ids get the same answer.
    private func requireTaggable(_ post: Post, _ visibility: Visibility) throws {
        let taggable = visibility.taggablePupils(postGroup: post.group)
        for (imageIndex, image) in post.images.enumerated() {
            for (index, pupil) in image.pupils.enumerated() where !taggable.contains(pupil) {
                let field = "images[\(imageIndex)].pupils[\(index)]"
                try Identifier.validate(pupil, field: field)
                throw Problem.invalid(
                    visibility.user.role == .parent
                        ? "a parent's comment does not tag pupils on photos"
                        : "'\(pupil)' is not a pupil you can tag here; tag pupils of your own groups",
                    field: field)
            }
        }
    }

    @Sendable func check(request: Request, context: APIRequestContext) async throws -> Response {
        let report = report(try await incoming(request, context, .check), language: try language(request))
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: ReportJSON.bytes(report))))
    }

    @Sendable func submit(request: Request, context: APIRequestContext) async throws -> Response {
        let incoming = try await incoming(request, context, .submit)
        return try .json(try await submit(incoming, language: try language(request)), status: .created)
    }

    /// Seed 004: unsuitable posts may be removed by the group's administrators (its teachers) or the
    /// directie, with a reason. A post the caller may not see is "not found", as is one that does not exist.
    @Sendable func remove(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.removePost)
        let id = try Identifier.path(context)
        guard let reason = request.uri.queryParameters.get("reason"), !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem.invalid("a removal needs a reason: DELETE /v1/posts/{id}?reason=…", field: "reason")
        }
        let school = try context.school()
        guard let post = try service.store.post(id), user.role != .teacher || teaches(post, user, school) else {
            throw Problem.notFound("no post with id '\(id)'")
        }
        let now = service.now()
        try await service.writing { try $0.removePost(id, reason: reason, actor: user.id, now: now) }
        return try .json(["id": id, "status": PostStatus.removed.rawValue])
    }

    /// A teacher removes posts of the groups they teach (seed 004: the groups' administrators).
    private func teaches(_ post: PostRecord, _ user: APIUser, _ school: ContextCache.Snapshot) -> Bool {
        (post.groupId.flatMap(school.group(withID:))?.teachers ?? []).contains(user.id)
    }

    /// `?lang=` when given (nl or en; anything else is a 422), else Accept-Language, else Dutch.
    private func language(_ request: Request) throws -> Language {
        if let lang = request.uri.queryParameters.get("lang") {
            guard let language = Language(rawValue: String(lang)) else {
                throw Problem.invalid("'\(lang)' is not a language of the messages; use nl or en", field: "lang")
            }
            return language
        }
        return request.headers[.acceptLanguage]?.lowercased().hasPrefix("en") == true ? .en : .nl
    }
}
