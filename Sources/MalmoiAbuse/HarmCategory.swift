/// A harm category (axis 1 of the taxonomy).
public enum HarmCategory: String, CaseIterable, Hashable, Sendable, Codable {
    case profanity
    case insult
    case identityHate = "identity_hate"
    case sexual
    case threat
    case familyInsult = "family_insult"
    case offensiveOther = "offensive_other"
}
