/// The part-of-speech tags of mecab-ko-dic (the `pos-id.def` of mecab-ko-dic 2.1.1), the tag set of the
/// morpheme correction task.
///
/// ```swift
/// MorphTagSet.contains("NNG")        // true
/// MorphTagSet.contains("SS")         // false: a Sejong tag
/// MorphTagSet.hint(for: "SS")        // "mecab-ko-dic splits SS into SSO (opening) and SSC (closing)"
/// ```
/// The set is fixed, so tags are checked without the dictionary. `UNKNOWN`, which the analyzer gives
/// words it cannot place, is not a tag an annotator may confirm.
public enum MorphTagSet {
    /// Every tag with its Korean name, in the order of the mecab-ko-dic documentation.
    public static let tags: [(tag: String, name: String)] = [
        ("NNG", "일반 명사"), ("NNP", "고유 명사"), ("NNB", "의존 명사"), ("NNBC", "단위를 나타내는 명사"),
        ("NR", "수사"), ("NP", "대명사"),
        ("VV", "동사"), ("VA", "형용사"), ("VX", "보조 용언"), ("VCP", "긍정 지정사"), ("VCN", "부정 지정사"),
        ("MM", "관형사"), ("MAG", "일반 부사"), ("MAJ", "접속 부사"), ("IC", "감탄사"),
        ("JKS", "주격 조사"), ("JKC", "보격 조사"), ("JKG", "관형격 조사"), ("JKO", "목적격 조사"),
        ("JKB", "부사격 조사"), ("JKV", "호격 조사"), ("JKQ", "인용격 조사"), ("JX", "보조사"), ("JC", "접속 조사"),
        ("EP", "선어말 어미"), ("EF", "종결 어미"), ("EC", "연결 어미"), ("ETN", "명사형 전성 어미"),
        ("ETM", "관형형 전성 어미"),
        ("XPN", "체언 접두사"), ("XSN", "명사 파생 접미사"), ("XSV", "동사 파생 접미사"), ("XSA", "형용사 파생 접미사"),
        ("XR", "어근"),
        ("SF", "마침표, 물음표, 느낌표"), ("SE", "줄임표 …"), ("SSO", "여는 괄호 ( ["), ("SSC", "닫는 괄호 ) ]"),
        ("SC", "구분자 , · / :"), ("SY", "기타 기호"), ("SL", "외국어"), ("SH", "한자"), ("SN", "숫자"),
    ]

    private static let names: [String: String] = Dictionary(uniqueKeysWithValues: tags.map { ($0.tag, $0.name) })

    /// Whether `tag` is a mecab-ko-dic tag (case-sensitive; tags are upper case).
    public static func contains(_ tag: String) -> Bool { names[tag] != nil }

    /// The Korean name of a tag, or nil when it is not one.
    public static func name(of tag: String) -> String? { names[tag] }

    /// Advice for a tag that is not in the set: the mecab-ko-dic tag to use for a Sejong tag, or what
    /// `UNKNOWN` means; nil when there is no specific advice.
    public static func hint(for tag: String) -> String? {
        switch tag {
        case "SS": "mecab-ko-dic splits SS into SSO (opening) and SSC (closing)"
        case "SP": "mecab-ko-dic writes SC for , · / :"
        case "SO", "SW": "mecab-ko-dic writes SY for other symbols"
        case "NA", "NF", "NV": "choose the tag the word would have (NNG, VV, …); mecab-ko-dic has no \(tag)"
        case "UNKNOWN": "UNKNOWN is the analyzer's placeholder for a word it does not know: choose its tag"
        case "NNM": "mecab-ko-dic writes NNBC for unit nouns"
        default: nil
        }
    }
}
