import MalmoiMorph
import MalmoiCore

/// Reads the one-line answer of the morpheme correction task (`Guidelines/morph.md`).
///
/// ```swift
/// try MorphAnswerParser.parse("")                                   // nil: confirm the draft
/// try MorphAnswerParser.parse("ok")                                 // nil
/// try MorphAnswerParser.parse("아버지/NNG 가/JKS 들어가/VV 신다/EP+EC")  // 4 morphemes, the last unsplit
/// try MorphAnswerParser.parse("들어가/VV 시/EP+ㄴ다/EC")              // 3 morphemes
/// ```
/// Grammar: the line is tokens separated by whitespace; a token is one or more morphemes joined by `+`;
/// a morpheme is `FORM/TAG`, where `TAG` is ASCII letters (any case; upper-cased) or the same keys typed
/// with the Korean 2-set layout on (`ㅜㅜㅎ` = NNG). `FORM/TAG+TAG` (a surface with several tags, as
/// MeCab prints an Inflect token) is one unsplit morpheme. The form is everything before the `/` that
/// starts the tag, so `+/SY`, `//SC` and `1/2/SN` are read as the forms `+`, `/` and `1/2`. An empty
/// line, `ok` (any case, or `ㅐㅏ`) confirms the draft.
public enum MorphAnswerParser {
    /// Parses a typed line.
    /// - Returns: the analysis (not yet aligned), or nil when the line confirms the draft.
    /// - Throws: ``TaskError`` `.invalidAnswer` naming the token that cannot be read.
    public static func parse(_ line: String) throws -> MorphAnalysis? {
        let tokens = line.unicodeScalars.split { $0.properties.isWhitespace }.map { String(String.UnicodeScalarView($0)) }
        if tokens.isEmpty { return nil }
        if tokens.count == 1, KoreanKeyboard.latinKeys(for: tokens[0]).lowercased() == "ok" { return nil }
        var entries: [MorphAnalysis.Entry] = []
        for token in tokens { entries += try parseToken(token) }
        return MorphAnalysis(entries: entries)
    }

    /// Parses one whitespace-free token into its morphemes.
    /// - Throws: ``TaskError`` `.invalidAnswer` when no reading as `FORM/TAG(+FORM/TAG)*` exists.
    public static func parseToken(_ token: String) throws -> [MorphAnalysis.Entry] {
        let scalars = Array(token.unicodeScalars)
        if let entries = morphemes(scalars, from: 0) { return entries }
        var message = "cannot read \"\(token)\": write each morpheme as form/TAG, e.g. 아버지/NNG 가/JKS"
        if !scalars.contains("/") {
            message += " (the tag is missing)"
        } else if let slash = scalars.lastIndex(of: "/"), slash == scalars.count - 1 {
            message += " (nothing after the /)"
        }
        throw TaskError(.invalidAnswer, message)
    }

    /// The morphemes of `scalars[start...]`, trying each `/` as the start of the tag, leftmost first.
    private static func morphemes(_ scalars: [Unicode.Scalar], from start: Int) -> [MorphAnalysis.Entry]? {
        var slash = start + 1
        while slash < scalars.count {
            if scalars[slash] == "/", let rest = tagged(scalars, formStart: start, slash: slash) { return rest }
            slash += 1
        }
        return nil
    }

    /// Reads `TAG(+TAG)*` after the slash, then either the end of the token or `+` and more morphemes.
    private static func tagged(_ scalars: [Unicode.Scalar], formStart: Int, slash: Int) -> [MorphAnalysis.Entry]? {
        let form = JamoLetters.composed(String(String.UnicodeScalarView(scalars[formStart..<slash])))
        var tags: [String] = []
        var position = slash + 1
        while true {
            var end = position
            while end < scalars.count && scalars[end] != "+" && scalars[end] != "/" { end += 1 }
            guard let tag = tagName(scalars[position..<end]) else { return nil }
            tags.append(tag)
            let entry = MorphAnalysis.Entry(form: form, pos: tags.joined(separator: "+"))
            if end == scalars.count { return [entry] }
            guard scalars[end] == "+" else { return nil }
            // `+` then a bare tag ending the token or followed by `+`: another tag of this morpheme …
            var next = end + 1
            while next < scalars.count && scalars[next] != "+" && scalars[next] != "/" { next += 1 }
            if next > end + 1, next == scalars.count || scalars[next] == "+", tagName(scalars[(end + 1)..<next]) != nil {
                position = end + 1
                continue
            }
            // … otherwise the next morpheme.
            guard end + 1 < scalars.count, let rest = morphemes(scalars, from: end + 1) else { return nil }
            return [entry] + rest
        }
    }

    /// A tag typed as ASCII letters (upper-cased) or with the Korean layout on; nil otherwise.
    static func tagName(_ scalars: ArraySlice<Unicode.Scalar>) -> String? {
        guard !scalars.isEmpty else { return nil }
        if scalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) }) {
            return String(String.UnicodeScalarView(scalars)).uppercased()
        }
        if scalars.allSatisfy({ (0x3131...0x3163).contains($0.value) || (0xAC00...0xD7A3).contains($0.value) }) {
            let keys = KoreanKeyboard.latinKeys(for: String(String.UnicodeScalarView(scalars))).uppercased()
            if MorphTagSet.contains(keys) { return keys }
        }
        return nil
    }
}
