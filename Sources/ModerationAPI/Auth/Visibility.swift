import PolicyEngine
import SchoolStore

/// What a caller may see of the school's pupils and posts. The agreements give a teacher their own
/// groups, the directie everything, and a parent their own children; an answer never names or
/// confirms anything outside that, not even that it exists.
struct Visibility {
    let user: APIUser
    let school: SchoolContext

    /// The groups whose pupils and posts the caller may see; nil: all (the directie).
    var groups: Set<String>? {
        switch user.role {
        case .directie: return nil
        case .teacher:
            return Set(
                (school.groups ?? []).filter { ($0.teachers ?? []).contains(user.id) || ($0.members ?? []).contains(user.id) }.map(\.id))
        case .parent:
            let childGroups = (school.pupils ?? []).filter { children.contains($0.id) }.compactMap(\.group)
            let councils = (school.groups ?? []).filter { $0.kind == .council && ($0.members ?? []).contains(user.id) }.map(\.id)
            let schoolWide = (school.groups ?? []).filter { $0.kind == .school }.map(\.id)
            return Set(childGroups + councils + schoolWide)
        case .admin: return []
        }
    }

    private var children: Set<String> { Set(school.parents?.first { $0.id == user.id }?.children ?? []) }

    /// The pupils a report for this caller may name, for a post in `group`; nil: all. A teacher sees
    /// the pupils of the groups they teach and of the post's group; a parent only their own children.
    func pupils(postGroup group: String?) -> Set<String>? {
        switch user.role {
        case .directie: return nil
        case .parent: return children
        case .admin: return []
        case .teacher:
            var groups = self.groups ?? []
            if let group { groups.insert(group) }
            return Set((school.pupils ?? []).filter { $0.group.map(groups.contains) ?? false }.map(\.id))
        }
    }

    /// Pupils the caller may tag on a photo: a parent's comment carries no pupil photos.
    func taggablePupils(postGroup group: String?) -> Set<String> {
        user.role == .parent ? [] : pupils(postGroup: group) ?? Set((school.pupils ?? []).map(\.id))
    }

    /// Whether the caller may see a stored post: their own, or one in a group they may see.
    func maySee(_ post: PostRecord) -> Bool {
        if post.authorId == user.id { return true }
        guard let groups else { return true }
        return post.groupId.map(groups.contains) ?? false
    }
}
