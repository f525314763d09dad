/// One token of an analysis: its surface, tag, the dictionary's feature fields and where it is in the
/// analyzed text.
///
/// ```swift
/// let tokens = analyzer.analyze("들어가신다")
/// tokens[1].surface      // "신다"
/// tokens[1].pos          // "EP+EC"
/// tokens[1].expression   // [시/EP [2, 3), ㄴ다/EC [3, 4)]   (ᆫ다 in the dictionary's jamo)
/// ```
/// Offsets are Unicode scalar offsets `[start, end)` into the analyzed text.
public struct Morpheme: Hashable, Codable, Sendable {
    /// One morpheme spelled out from the expression field of an Inflect, Compound or Preanalysis token.
    public struct Part: Hashable, Codable, Sendable {
        /// The morpheme's form (bare endings use conjoining jamo, e.g. `ᆫ다`, as in mecab-ko-dic).
        public var form: String
        /// Its tag.
        public var pos: String
        /// Its semantic class, `*` when none.
        public var semanticClass: String
        /// Scalar offsets `[start, end)` into the analyzed text. When the parts spell the surface exactly
        /// (compounds, most Preanalysis tokens) each part has its own span; otherwise (contractions such
        /// as 해 = 하+아) every part carries the whole token's span.
        public var start: Int
        /// End of the span (exclusive).
        public var end: Int
    }

    /// The text of the token as it appears in the input.
    public var surface: String
    /// The part-of-speech tag (the first feature field), e.g. `NNG` or `VV+EP` for an Inflect token.
    public var pos: String
    /// All feature fields (8 for mecab-ko-dic: POS, semantic class, final consonant, reading, type,
    /// first POS, last POS, expression).
    public var features: [String]
    /// Scalar offset of the first scalar of the surface.
    public var start: Int
    /// Scalar offset just past the surface.
    public var end: Int
    /// Whether the token was made from an unknown-word template rather than a lexicon entry.
    public var isUnknown: Bool
    /// The morphemes of an Inflect, Compound or Preanalysis token; empty for a simple token.
    public var expression: [Part]

    /// Creates a morpheme.
    public init(surface: String, pos: String, features: [String], start: Int, end: Int, isUnknown: Bool = false,
                expression: [Part] = []) {
        self.surface = surface
        self.pos = pos
        self.features = features
        self.start = start
        self.end = end
        self.isUnknown = isUnknown
        self.expression = expression
    }

    /// The token type (`Inflect`, `Compound`, `Preanalysis`), or nil for a simple token.
    public var type: String? {
        features.count > 4 && features[4] != "*" ? features[4] : nil
    }

    /// The feature text as MeCab prints it after the TAB.
    public var featureString: String { features.joined(separator: ",") }

    /// The morphemes this token stands for: the expression's parts, or the token itself when simple.
    public var parts: [Part] {
        if !expression.isEmpty { return expression }
        return [Part(form: surface, pos: pos, semanticClass: features.count > 1 ? features[1] : "*", start: start, end: end)]
    }

    /// Splits an expression field (`앞두/VV/*+ᆫ/ETM/*`) into parts and places them in `[start, end)`.
    ///
    /// A part is `form/TAG/semantic`; parts are joined by `+`. A `+` or `/` that is itself a form (as in
    /// `+/SY/*`) is kept: the split is made on the `/TAG/semantic` suffixes, not on every `+`.
    static func parts(ofExpression expression: String, surface: String, start: Int, end: Int) -> [Part] {
        guard expression != "*", !expression.isEmpty else { return [] }
        var parts: [Part] = []
        for piece in splitExpression(expression) {
            let fields = piece.split(separator: "/", omittingEmptySubsequences: false)
            guard fields.count >= 3 else {
                parts.append(Part(form: piece, pos: "*", semanticClass: "*", start: start, end: end))
                continue
            }
            let form = fields[0..<(fields.count - 2)].joined(separator: "/")
            parts.append(Part(form: form, pos: String(fields[fields.count - 2]), semanticClass: String(fields[fields.count - 1]),
                              start: start, end: end))
        }
        // Exact spelling: give each part its own span.
        if parts.map(\.form).joined() == surface {
            var offset = start
            for index in parts.indices {
                let count = parts[index].form.unicodeScalars.count
                parts[index].start = offset
                parts[index].end = offset + count
                offset += count
            }
        }
        return parts
    }

    /// Splits on `+` only where a new `form/TAG/semantic` part starts, so a literal `+` form survives.
    private static func splitExpression(_ expression: String) -> [String] {
        var pieces: [String] = []
        var pending: String?
        for chunk in expression.split(separator: "+", omittingEmptySubsequences: false) {
            let piece = pending.map { $0 + "+" + chunk } ?? String(chunk)
            if piece.split(separator: "/", omittingEmptySubsequences: false).count >= 3 {
                pieces.append(piece)
                pending = nil
            } else {
                pending = piece
            }
        }
        if let pending { pieces.append(pending) }
        return pieces
    }
}
