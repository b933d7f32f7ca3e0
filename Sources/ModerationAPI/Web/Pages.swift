import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import PolicyEngine
import SchoolStore

/// The page templates (swift-mustache, compiled once at start) and what every page shows: the
/// menu of the signed-in role, the CSRF token for its forms, and a message left by the last form.
/// Mustache escapes every value; only the QR code's SVG, which the server draws, goes in unescaped.
struct Pages: Sendable {
    let library: MustacheLibrary
    let flash = FlashMessages()

    init() throws {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("login", PackageResources.login_mustache),
            ("code", PackageResources.code_mustache), ("enrol", PackageResources.enrol_mustache),
            ("recovery", PackageResources.recovery_mustache), ("teacher", PackageResources.teacher_mustache),
            ("teacher-post", PackageResources.teacher_post_mustache), ("queue", PackageResources.queue_mustache),
            ("review", PackageResources.review_mustache), ("author", PackageResources.author_mustache),
            ("audit", PackageResources.audit_mustache), ("consent", PackageResources.consent_mustache),
            ("roster", PackageResources.roster_mustache), ("rollover", PackageResources.rollover_mustache),
            ("staff", PackageResources.staff_mustache), ("error", PackageResources.error_mustache),
        ]
        for (name, bytes) in templates { try library.register(String(decoding: bytes, as: UTF8.self), named: name) }
        self.library = library
    }

    static let stylesheet = PackageResources.moderate_css

    /// Renders `template` with `values` and the layout's common values.
    func render(
        _ template: String, _ values: [String: Any], context: APIRequestContext, current: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        if let user = context.identity, let web = context.web, web.complete {
            values["signedIn"] = true
            values["csrf"] = web.csrf
            values["userName"] = user.id
            values["roleLabel"] = Labels.role(user.role)
            values["nav"] = Self.menu(for: user.role).map { item in
                ["href": item.href, "label": item.label, "current": item.href == current] as [String: Any]
            }
            if let message = flash.take(for: web.idHash) {
                values["flash"] = ["text": message.text, "kind": message.kind, "items": message.items, "hasItems": !message.items.isEmpty]
            }
        } else if let web = context.web {
            values["csrf"] = web.csrf
        }
        let html = library.render(values, withTemplate: template) ?? "<!doctype html><title>moderate</title><p>Pagina ontbreekt.</p>"
        return .page(html, status: status)
    }

    func error(_ error: WebError, context: APIRequestContext) -> Response {
        let heading =
            switch error.status.code {
            case 403: "Geen toegang"
            case 404: "Niet gevonden"
            case 409: "Bestaat al"
            case 422: "Controleer wat u invulde"
            case 429: "Even wachten"
            case 500...: "Er ging iets mis"
            default: "Dat lukte niet"
            }
        let signedIn = context.identity != nil && context.web?.complete == true
        return render(
            "error",
            [
                "heading": heading, "message": error.message, "back": signedIn ? "/" : "/inloggen",
                "backLabel": signedIn ? "Naar uw startpagina" : "Naar inloggen",
            ], context: context, status: error.status)
    }

    /// Leaves a message for the page the form redirects to.
    func flash(_ text: String, kind: String = "ok", items: [String] = [], context: APIRequestContext) {
        guard let web = context.web else { return }
        flash.set(.init(text: text, kind: kind, items: items), for: web.idHash)
    }

    struct MenuItem {
        var href: String
        var label: String
    }

    static func menu(for role: Post.Role) -> [MenuItem] {
        switch role {
        case .teacher: [MenuItem(href: "/leerkracht", label: "Bericht schrijven")]
        case .directie: [MenuItem(href: "/directie", label: "Beoordelen"), MenuItem(href: "/directie/logboek", label: "Logboek")]
        case .admin:
            [
                MenuItem(href: "/administratie", label: "Toestemming"), MenuItem(href: "/administratie/rooster", label: "Rooster"),
                MenuItem(href: "/administratie/schooljaar", label: "Nieuw schooljaar"),
                MenuItem(href: "/administratie/personeel", label: "Personeel"),
            ]
        case .parent: []
        }
    }

    static func home(for role: Post.Role) -> String {
        switch role {
        case .teacher: "/leerkracht"
        case .directie: "/directie"
        case .admin: "/administratie"
        case .parent: "/inloggen"
        }
    }
}

/// Dutch words for the states and kinds the pages show.
enum Labels {
    static func role(_ role: Post.Role) -> String {
        switch role {
        case .teacher: "leerkracht"
        case .directie: "directie"
        case .admin: "administratie"
        case .parent: "ouder"
        }
    }

    static func verdict(_ verdict: String) -> String {
        switch verdict {
        case "allow": "In orde"
        case "warn": "In orde, met een opmerking"
        case "review": "De directie kijkt mee"
        case "block": "Zo niet plaatsen"
        default: verdict
        }
    }

    static func verdictExplanation(_ verdict: String) -> String {
        switch verdict {
        case "allow": "Er is niets gevonden dat tegen de afspraken ingaat. U kunt het bericht plaatsen."
        case "warn": "U kunt het bericht plaatsen, maar kijk eerst naar de opmerkingen hieronder."
        case "review": "Dit bericht gaat eerst naar de directie. Pas het aan of plaats het; de directie beslist dan."
        case "block": "Dit bericht gaat tegen de afspraken in. Pas het aan zoals hieronder staat en controleer opnieuw."
        default: ""
        }
    }

    static func status(_ status: String) -> String {
        switch status {
        case "published": "Geplaatst"
        case "review": "Wacht op de directie"
        case "rejected": "Niet geplaatst"
        case "removed": "Verwijderd"
        case "pending": "Wacht op besluit"
        case "approved": "Goedgekeurd"
        case "all": "Alle"
        default: status
        }
    }

    static func statusExplanation(_ status: String) -> String {
        switch status {
        case "published": "Het bericht staat op het portaal."
        case "review": "De directie bekijkt het bericht. U ziet hier het besluit zodra het er is."
        case "rejected": "Het bericht is niet geplaatst. Pas het aan en plaats het opnieuw."
        case "removed": "Het bericht is van het portaal gehaald."
        default: ""
        }
    }

    static func consent(_ decision: ConsentDecision?) -> String {
        switch decision {
        case .given: "gegeven"
        case .refused: "geweigerd"
        case .withdrawn: "ingetrokken"
        case nil: "niet gevraagd"
        }
    }

    static func purpose(_ purpose: ConsentPurpose) -> String {
        switch purpose {
        case .portalPhoto: "Foto op portaal"
        case .portalName: "Naam op portaal"
        case .externalPhoto: "Foto extern"
        case .externalName: "Naam extern"
        }
    }

    static func source(_ source: ConsentSource) -> String {
        switch source {
        case .paper: "Papieren formulier"
        case .app: "Ouderapp"
        case .import: "Import"
        case .email: "E-mail"
        case .verbal: "Mondeling"
        }
    }

    static func category(_ category: String) -> String {
        switch category {
        case "image-consent": "foto zonder toestemming"
        case "name-consent": "naam zonder toestemming"
        case "confidential": "vertrouwelijk"
        case "individual-child": "één kind apart"
        case "individual-achievement": "prestatie buiten school"
        case "negative-about-pupil": "negatief over een leerling"
        case "political-religious": "politiek of religie"
        case "commercial": "reclame"
        case "abuse": "grof taalgebruik"
        case "discrimination": "discriminatie"
        case "threat": "bedreiging"
        case "sexual": "seksueel"
        case "spelling": "spelling"
        case "audience": "verkeerde groep of afzender"
        case "teacher-reply": "reactie van een leerkracht"
        case "working-hours": "buiten werktijd"
        case "frequency": "te veel berichten"
        default: category.replacingOccurrences(of: "-", with: " ")
        }
    }

    /// The school's clock: the pages show times as the school reads them (the store keeps UTC).
    static let schoolZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    static let schoolCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = schoolZone
        return calendar
    }()

    /// A timestamp as the pages show it: local date and time, without seconds.
    static func time(_ iso: String?) -> String {
        guard let iso else { return "" }
        guard let date = try? Date(iso, strategy: .iso8601) else { return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") }
        let parts = schoolCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}

/// The findings and the text cut into plain and marked pieces on the server.
enum ReportView {
    static func findings(_ report: Report) -> [[String: Any]] {
        report.findings.map { finding in
            ([
                "severity": finding.severity.rawValue, "message": finding.message, "agreement": finding.agreement,
                "fix": finding.fix, "category": Labels.category(finding.category.rawValue),
            ] as [String: Any?]).compactMapValues { $0 }
        }
    }

    /// `text` as pieces; a piece inside a finding's span is marked with the most severe finding there.
    static func pieces(_ text: String, _ report: Report) -> [[String: Any]] {
        let scalars = Array(text.unicodeScalars)
        var marks: [(span: Span, severity: Severity, note: String)] = []
        for finding in report.findings {
            for span in finding.spans where span.start >= 0 && span.end <= scalars.count && span.start < span.end {
                marks.append((span, finding.severity, Labels.category(finding.category.rawValue)))
            }
        }
        guard !marks.isEmpty else { return [["text": text, "marked": false]] }
        // Boundaries where a mark starts or ends; each piece between two has one state.
        var cuts = Set([0, scalars.count])
        for mark in marks {
            cuts.insert(mark.span.start)
            cuts.insert(mark.span.end)
        }
        let sorted = cuts.sorted()
        var pieces: [[String: Any]] = []
        for (start, end) in zip(sorted, sorted.dropFirst()) where start < end {
            let piece = String(String.UnicodeScalarView(scalars[start..<end]))
            let covering = marks.filter { $0.span.start <= start && end <= $0.span.end }
            if let worst = covering.max(by: { $0.severity < $1.severity }) {
                let notes = Array(Set(covering.map(\.note))).sorted().joined(separator: ", ")
                pieces.append(["text": piece, "marked": true, "severity": worst.severity.rawValue, "note": notes])
            } else {
                pieces.append(["text": piece, "marked": false])
            }
        }
        return pieces
    }
}
