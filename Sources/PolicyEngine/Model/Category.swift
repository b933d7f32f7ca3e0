/// The stable category names of DESIGN.md. Every rule carries exactly one.
public enum Category: String, Codable, Sendable, CaseIterable {
    case imageConsent = "image-consent"
    case nameConsent = "name-consent"
    case individualChild = "individual-child"
    case confidential
    case negativeAboutPupil = "negative-about-pupil"
    case individualAchievement = "individual-achievement"
    case abuse
    case discrimination
    case threat
    case sexual
    case commercial
    case politicalReligious = "political-religious"
    case audience
    case teacherReply = "teacher-reply"
    case workingHours = "working-hours"
    case frequency
    case spelling
}
