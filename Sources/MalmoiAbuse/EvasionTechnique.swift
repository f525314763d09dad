/// An evasion technique: how a word was disguised (axis 3 of the taxonomy).
///
/// The raw values are the ids used in `Guidelines/abuse/taxonomy.json`; the taxonomy is validated at
/// load to define every case, so the code and the guideline cannot drift apart.
public enum EvasionTechnique: String, CaseIterable, Hashable, Sendable, Codable {
    case phoneticRespelling = "phonetic_respelling"
    case choseongAbbreviation = "choseong_abbreviation"
    case spacing
    case partialJamo = "partial_jamo"
    case insertion
    case jamoDecomposition = "jamo_decomposition"
    case elongation
    case digitHomophone = "digit_homophone"
    case masking
    case gesturePictogram = "gesture_pictogram"
    case emojiRebus = "emoji_rebus"
    case lookalike
    case latinPhonetic = "latin_phonetic"
    case codeSwitch = "code_switch"
    case romanization
    case hanjaSubstitution = "hanja_substitution"
    case camouflagePun = "camouflage_pun"
    case keyboard2Set = "keyboard_2set"
    case invisibleOrWidth = "invisible_or_width"
    case syllableReorder = "syllable_reorder"

    /// The bit of this technique in a ``TechniqueSet`` (its position in `allCases`).
    var bit: UInt32 {
        switch self {
        case .phoneticRespelling: return 1 << 0
        case .choseongAbbreviation: return 1 << 1
        case .spacing: return 1 << 2
        case .partialJamo: return 1 << 3
        case .insertion: return 1 << 4
        case .jamoDecomposition: return 1 << 5
        case .elongation: return 1 << 6
        case .digitHomophone: return 1 << 7
        case .masking: return 1 << 8
        case .gesturePictogram: return 1 << 9
        case .emojiRebus: return 1 << 10
        case .lookalike: return 1 << 11
        case .latinPhonetic: return 1 << 12
        case .codeSwitch: return 1 << 13
        case .romanization: return 1 << 14
        case .hanjaSubstitution: return 1 << 15
        case .camouflagePun: return 1 << 16
        case .keyboard2Set: return 1 << 17
        case .invisibleOrWidth: return 1 << 18
        case .syllableReorder: return 1 << 19
        }
    }

    static let ordered: [EvasionTechnique] = allCases
}
