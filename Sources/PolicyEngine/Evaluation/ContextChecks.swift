/// The rules that compare a post with what the school context says: consent, audience, hours and
/// frequency. Each says what it could not check, rather than pretending.
struct ContextChecks {
    let analysis: PostAnalysis
    let policy: PackPolicy

    private var post: Post { analysis.post }
    private var context: PreparedContext { analysis.context }

    func run(_ kind: ContextCheckKind) -> RuleOutcome {
        switch kind {
        case .imageConsent: imageConsent()
        case .nameConsent: nameConsent()
        case .individualChild: individualChild()
        case .audience: audience()
        case .teacherReply: .found([Hit(spans: [])])
        case .workingHours: workingHours()
        case .frequency: frequency()
        case .spelling, .verbSlips:
            SpellingCheck(
                analysis: analysis, checker: SpellChecker.shared,
                accepted: Set((analysis.engineAccepted)), verbSlipsOnly: kind == .verbSlips
            )
            .run()
        }
    }

    private static func text(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(nl: nl, en: en) }

    private static let noRoster = Self.text(
        "de schoolgegevens bevatten geen leerlingenlijst ('pupils'), dus namen en toestemming zijn niet gecontroleerd",
        "the school context has no pupil roster ('pupils'), so names and consent were not checked")

    // Seed 004: photos of recognisable pupils only with this year's consent; external channels need
    // consent for external use.
    private func imageConsent() -> RuleOutcome {
        let tagged = post.images.flatMap { image in image.pupils.map { (image, $0) } }
        guard !tagged.isEmpty else { return .none }
        guard context.hasRoster else { return .skipped(reason: Self.noRoster) }
        guard context.context.schoolYear != nil else {
            return .skipped(
                reason: Self.text(
                    "de schoolgegevens noemen geen schooljaar ('schoolYear'), dus de toestemming is niet te dateren",
                    "the school context has no 'schoolYear', so consent cannot be dated"))
        }
        let purpose: KeyPath<SchoolContext.Consent, Bool?> = post.channel == .website ? \.externalPhoto : \.portalPhoto
        let hits: [Hit] = tagged.compactMap { image, id in
            let label = image.id.map { "\($0): " } ?? ""
            guard let pupil = context.pupils[id], analysis.mayShow(id) else {
                guard analysis.visiblePupils == nil else {
                    return Hit(
                        spans: [], detail: Self.text("\(label)een leerling die je niet mag taggen", "\(label)a pupil you may not tag"))
                }
                return Hit(
                    spans: [], detail: Self.text("\(label)\(id) staat niet in de leerlingenlijst", "\(label)\(id) is not on the roster"))
            }
            guard !context.hasConsent(pupil, purpose) else { return nil }
            let year = context.context.schoolYear ?? ""
            return Hit(
                spans: [],
                detail: post.channel == .website
                    ? Self.text(
                        "\(label)\(pupil.firstName) (\(id)) heeft geen toestemming voor foto's op de website in \(year)",
                        "\(label)\(pupil.firstName) (\(id)) has no consent for photos on the website in \(year)")
                    : Self.text(
                        "\(label)\(pupil.firstName) (\(id)) heeft geen fototoestemming voor \(year)",
                        "\(label)\(pupil.firstName) (\(id)) has no photo consent for \(year)"))
        }
        return hits.isEmpty ? .none : .found(hits)
    }

    private func nameConsent() -> RuleOutcome {
        guard context.hasRoster else { return .skipped(reason: Self.noRoster) }
        let purpose: KeyPath<SchoolContext.Consent, Bool?> = post.channel == .website ? \.externalName : \.portalName
        let hits: [Hit] = analysis.names.compactMap { name in
            if name.pupils.contains(where: { !analysis.mayShow(context.roster[$0].id) }) {
                // Not the caller's pupil: whether consent was given is not theirs to learn, so the
                // name goes to review either way, without id or consent status.
                return Hit(
                    spans: [analysis.span(of: name.tokens)],
                    detail: Self.text(
                        "een naam van een leerling; de school controleert de toestemming", "a pupil's name; the school checks the consent"),
                    severityCap: .review)
            }
            let missing = name.pupils.map { context.roster[$0] }.filter { !context.hasConsent($0, purpose) }
            guard let pupil = missing.first else { return nil }
            let detail =
                name.certain
                ? Self.text("\(pupil.firstName) (\(pupil.id))", "\(pupil.firstName) (\(pupil.id))")
                : Self.text("mogelijk \(pupil.firstName) (\(pupil.id))", "possibly \(pupil.firstName) (\(pupil.id))")
            return Hit(spans: [analysis.span(of: name.tokens)], detail: detail, severityCap: name.certain ? nil : .review)
        }
        return hits.isEmpty ? .none : .found(hits)
    }

    // Seed 004: messages are about the school or the group, not about individual children. Naming one
    // or two pupils makes a post about them; a list of many is about the group.
    private func individualChild() -> RuleOutcome {
        guard context.hasRoster else { return .skipped(reason: Self.noRoster) }
        // A name that is also a word but reads as the subject ("Roos heeft …") counts too: this
        // finding asks for review anyway.
        let named = analysis.names.filter { $0.pupils.count == 1 }
        // A pupil named only as whose parent someone is ("de vader van Liam heeft ons lokaal
        // geverfd") is not what the post is about: the parent is. Named once more, the pupil counts,
        // and so does a family's private situation ("de vader van Levi zit in de gevangenis").
        let pupils = Set(
            named.filter { name in
                !Self.namesRelative(name.tokens, in: analysis.text)
                    || analysis.confidentialSentences.contains(analysis.text.tokens[name.tokens.lowerBound].sentence)
            }
            .flatMap(\.pupils))
        guard (1...2).contains(pupils.count) else { return .none }
        return .found(named.map { Hit(spans: [analysis.span(of: $0.tokens)]) })
    }

    /// Family words a pupil's name follows as "X van <name>", with the pronouns that take up the
    /// relative rather than the child: the father is *hij* and *zijn*, the mother *zij* and *haar*,
    /// the parents *ze* and *hun*.
    static let relatives: [String: Set<String>] = {
        let him: Set<String> = ["hij", "hem", "zijn", "z'n"]
        let her: Set<String> = ["zij", "ze", "haar", "d'r"]
        let them: Set<String> = ["zij", "ze", "hun", "hen"]
        let men = ["vader", "papa", "opa", "oom", "stiefvader", "pleegvader"]
        let women = ["moeder", "mama", "oma", "tante", "stiefmoeder", "pleegmoeder"]
        let plurals = ["ouders", "grootouders", "pleegouders", "vaders", "moeders"]
        return Dictionary(
            uniqueKeysWithValues: men.map { ($0, him) } + women.map { ($0, her) } + plurals.map { ($0, them) })
    }()

    /// Whether the name stands as "<relative> van <name>" ("de opa van Elif") and the child is not
    /// taken up again. A pronoun that agrees with the relative takes up the relative ("de vader van
    /// Olivia vertelde over zijn werk"); one that does not takes up the child ("De oma van Milan
    /// haalt hem vandaag op": the post is about him).
    static func namesRelative(_ name: Range<Int>, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        guard name.lowerBound >= 2, tokens[name.lowerBound - 1].key == "van",
            let relativePronouns = relatives[tokens[name.lowerBound - 2].key]
        else { return false }
        // "Die twee moeders van Fatima zijn …": a "zijn" right after the name is the verb.
        return !tokens.indices[name.upperBound...].contains { index in
            !(index == name.upperBound && tokens[index].key == "zijn")
                && childPronouns.contains(tokens[index].key) && !relativePronouns.contains(tokens[index].key)
        }
    }

    /// The pronouns that take up a pupil, and the object form *hem*.
    static let childPronouns = GroupReferences.pupilPronouns.union(["hem"])

    private func audience() -> RuleOutcome {
        guard let author = post.author else {
            return .skipped(reason: Self.text("het bericht heeft geen auteur ('author')", "the post has no author"))
        }
        guard let groupID = post.group else {
            return .skipped(reason: Self.text("het bericht heeft geen groep ('group')", "the post has no group"))
        }
        guard context.context.groups != nil else {
            return .skipped(reason: Self.text("de schoolgegevens bevatten geen groepen ('groups')", "the school context has no groups"))
        }
        guard let group = context.groups[groupID] else {
            return .found([
                Hit(
                    spans: [],
                    detail: Self.text("groep '\(groupID)' bestaat niet op deze school", "group '\(groupID)' does not exist at this school"))
            ])
        }
        let problem: LocalizedText? = author.role == .parent ? parentProblem(author, group) : staffProblem(author, group)
        return problem.map { .found([Hit(spans: [], detail: $0)]) } ?? .none
    }

    private func staffProblem(_ author: Post.Author, _ group: SchoolContext.Group) -> LocalizedText? {
        if context.context.staff != nil {
            guard let member = context.staff[author.id] else {
                return Self.text("\(author.id) staat niet in de personeelslijst", "\(author.id) is not on the staff list")
            }
            if member.active == false {
                return Self.text(
                    "\(author.id) is niet meer actief en mag niet meer plaatsen", "\(author.id) is no longer active and may not post")
            }
        }
        guard author.role == .teacher else { return nil }
        switch group.kind {
        case .class:
            return (group.teachers ?? []).contains(author.id)
                ? nil
                : Self.text(
                    "\(author.id) is geen leerkracht van \(group.name ?? group.id)", "\(author.id) does not teach \(group.name ?? group.id)"
                )
        case .school:
            return post.kind == .comment
                ? nil
                : Self.text(
                    "nieuws voor de hele school plaatst de directie (of iemand namens haar)",
                    "school-wide news is posted by or on behalf of the directie")
        case .council:
            return (group.members ?? []).contains(author.id)
                ? nil
                : Self.text(
                    "\(author.id) is geen lid van \(group.name ?? group.id)", "\(author.id) is not a member of \(group.name ?? group.id)")
        }
    }

    private func parentProblem(_ author: Post.Author, _ group: SchoolContext.Group) -> LocalizedText? {
        let isCouncilMember = group.kind == .council && (group.members ?? []).contains(author.id)
        if post.kind == .post {
            return isCouncilMember
                ? nil
                : Self.text(
                    "ouders reageren op berichten maar plaatsen zelf geen berichten (behalve raadsleden in hun eigen raadsgroep)",
                    "parents comment on posts but do not post (except council members in their own council group)")
        }
        if group.kind == .council {
            return isCouncilMember
                ? nil : Self.text("alleen leden reageren in \(group.name ?? group.id)", "only members comment in \(group.name ?? group.id)")
        }
        guard policy.parentsMayComment else {
            return Self.text("op deze school kunnen ouders niet reageren op berichten", "at this school parents do not comment on posts")
        }
        guard group.kind == .class, context.context.parents != nil, context.context.pupils != nil else { return nil }
        let children = context.parents[author.id]?.children ?? []
        let inGroup = children.contains { context.pupils[$0]?.group == group.id }
        return inGroup
            ? nil
            : Self.text(
                "\(author.id) heeft geen kind in \(group.name ?? group.id)", "\(author.id) has no child in \(group.name ?? group.id)")
    }

    private func localTime() -> LocalTime? {
        guard let postedAt = post.postedAt, let seconds = LocalTime.parseISO8601(postedAt) else { return nil }
        return LocalTime(epochSeconds: seconds, zone: context.zone)
    }

    // Seed 004: teachers post within working hours and, in principle, outside lesson time — except
    // on excursions (the `excursion` flag; the rule pack lists it under unlessFlags).
    private func workingHours() -> RuleOutcome {
        guard let time = localTime() else {
            return .skipped(reason: Self.text("het bericht heeft geen tijdstip ('postedAt')", "the post has no time ('postedAt')"))
        }
        guard let hours = context.hours, let work = hours.work else {
            return .skipped(
                reason: Self.text(
                    "de schoolgegevens bevatten geen werktijden ('hours.work')", "the school context has no working hours ('hours.work')"))
        }
        let day = time.weekdayName
        if let workdays = hours.workdays, !workdays.contains(day) {
            return .found([
                Hit(
                    spans: [],
                    detail: Self.text(
                        "geplaatst op een vrije dag (\(Self.dutchDay(day)) \(time.clock))", "posted on a day off (\(day) \(time.clock))"))
            ])
        }
        let minute = time.minuteOfDay
        if let start = LocalTime.minutes(work.start), let end = LocalTime.minutes(work.end), minute < start || minute >= end {
            return .found([
                Hit(
                    spans: [],
                    detail: Self.text(
                        "geplaatst om \(time.clock), buiten de werktijd \(work.start)–\(work.end)",
                        "posted at \(time.clock), outside working hours \(work.start)–\(work.end)"))
            ])
        }
        if let lessons = hours.classByDay?[day] ?? hours.class,
            let start = LocalTime.minutes(lessons.start), let end = LocalTime.minutes(lessons.end), minute >= start && minute < end
        {
            return .found([
                Hit(
                    spans: [],
                    detail: Self.text(
                        "geplaatst om \(time.clock), tijdens de lestijd \(lessons.start)–\(lessons.end)",
                        "posted at \(time.clock), during lessons \(lessons.start)–\(lessons.end)"))
            ])
        }
        return .none
    }

    private static func dutchDay(_ day: String) -> String {
        ["mon": "maandag", "tue": "dinsdag", "wed": "woensdag", "thu": "donderdag", "fri": "vrijdag", "sat": "zaterdag", "sun": "zondag"][
            day] ?? day
    }

    // Seed 004: in principle one to three posts per group per week (ISO weeks, school time zone).
    private func frequency() -> RuleOutcome {
        guard let group = post.group else {
            return .skipped(reason: Self.text("het bericht heeft geen groep ('group')", "the post has no group"))
        }
        guard let time = localTime() else {
            return .skipped(reason: Self.text("het bericht heeft geen tijdstip ('postedAt')", "the post has no time ('postedAt')"))
        }
        guard context.context.history != nil else {
            return .skipped(
                reason: Self.text(
                    "de schoolgegevens bevatten geen eerdere berichten ('history')", "the school context has no post history ('history')"))
        }
        let earlier = (context.history[group] ?? []).filter {
            $0.year == time.isoYear && $0.week == time.isoWeek && ($0.id == nil || $0.id != post.id)
        }
        let count = earlier.count + 1
        guard count > policy.maxPostsPerWeek else { return .none }
        return .found([
            Hit(
                spans: [],
                detail: Self.text(
                    "dit is bericht \(count) in \(group) in week \(time.isoWeek); de afspraak is hoogstens \(policy.maxPostsPerWeek)",
                    "this is post \(count) in \(group) in week \(time.isoWeek); the agreement is at most \(policy.maxPostsPerWeek)"))
        ])
    }
}
