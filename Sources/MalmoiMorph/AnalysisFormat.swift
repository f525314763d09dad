import MalmoiCore

/// The output formats of `malmoi morph`, each a walk over one analyzed line.
///
/// ```swift
/// var out: [UInt8] = []
/// AnalysisFormat.mecab.append(line: bytes, number: 1, paths: [lattice.bestPath], lattice: lattice,
///                             analyzer: analyzer, to: &out)
/// ```
/// * `mecab`: byte-identical to MeCab's default output: `surface TAB feature` per token, then `EOS`
///   (once per path with n-best).
/// * `wakati`: surfaces each followed by a space, then a newline (MeCab's `-Owakati`).
/// * `jsonl`: one JSON object per line: `schema_version`, `line`, `text` and `tokens` (or `paths` with
///   n-best), each token with `surface`, `pos`, `features`, scalar `start`/`end`, `unknown` and, for
///   Inflect/Compound/Preanalysis tokens, `morphemes` spelled out from the expression field.
/// * `conllu`: one sentence per line in the style of the UD Korean treebanks: FORM is the eojeol (a
///   whitespace-separated word), LEMMA the `+`-joined morphemes (compatibility jamo, as UD writes
///   them), XPOS the `+`-joined tags; compound nouns stay whole. UPOS is a coarse guess from the tags.
public enum AnalysisFormat: String, CaseIterable, Sendable {
    /// MeCab's default output, byte for byte.
    case mecab
    /// Surfaces separated by spaces (MeCab's `-Owakati`).
    case wakati
    /// One JSON record per input line.
    case jsonl
    /// CoNLL-U, one sentence per input line, UD Korean style.
    case conllu

    /// The version written in every JSONL record's `schema_version`.
    public static let jsonSchemaVersion = 1

    /// Appends the formatted analysis of one input line.
    /// - Parameters:
    ///   - line: the line's UTF-8 bytes, as analyzed.
    ///   - number: the 1-based line number (JSONL `line`, CoNLL-U `sent_id`).
    ///   - paths: node indices of each path to print (one path unless n-best).
    ///   - lattice: the lattice the paths index into.
    ///   - analyzer: the analyzer that built it (for features).
    ///   - original: when `line` is a normalized copy, the line as read and the map from scalar ranges of
    ///     `line` to ranges of it: JSONL then writes the original `text` and offsets into it.
    ///   - output: the buffer to append to.
    public func append(
        line: UnsafeBufferPointer<UInt8>, number: Int, paths: [[Int32]], lattice: Lattice,
        analyzer: Analyzer, original: (line: UnsafeBufferPointer<UInt8>, range: (Range<Int>) -> Range<Int>)? = nil,
        to output: inout [UInt8]
    ) {
        switch self {
        case .mecab:
            for path in paths {
                for index in path {
                    let node = lattice[index]
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: line[Int(node.start)..<Int(node.end)]))
                    output.append(0x09)
                    analyzer.withFeature(of: node) { output.append(contentsOf: $0) }
                    output.append(0x0A)
                }
                output.append(contentsOf: [0x45, 0x4F, 0x53, 0x0A])
            }
        case .wakati:
            for path in paths {
                for index in path {
                    let node = lattice[index]
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: line[Int(node.start)..<Int(node.end)]))
                    output.append(0x20)
                }
                output.append(0x0A)
            }
        case .jsonl:
            appendJSON(line: line, number: number, paths: paths, lattice: lattice, analyzer: analyzer,
                       original: original, to: &output)
        case .conllu:
            for (rank, path) in paths.enumerated() {
                let morphemes = analyzer.morphemes(path, in: lattice, utf8: line)
                appendCoNLLU(line: line, number: number, rank: paths.count > 1 ? rank + 1 : nil,
                             morphemes: morphemes, to: &output)
            }
        }
    }

    // MARK: JSONL

    private func appendJSON(
        line: UnsafeBufferPointer<UInt8>, number: Int, paths: [[Int32]], lattice: Lattice,
        analyzer: Analyzer, original: (line: UnsafeBufferPointer<UInt8>, range: (Range<Int>) -> Range<Int>)?,
        to output: inout [UInt8]
    ) {
        let mapRange = original?.range
        output.append(contentsOf: #"{"schema_version":"#.utf8)
        output.append(contentsOf: String(Self.jsonSchemaVersion).utf8)
        output.append(contentsOf: #","line":"#.utf8)
        output.append(contentsOf: String(number).utf8)
        output.append(contentsOf: #","text":"#.utf8)
        Self.appendJSONString(original?.line ?? line, to: &output)
        if paths.count == 1 {
            output.append(contentsOf: #","tokens":"#.utf8)
            appendTokens(analyzer.morphemes(paths[0], in: lattice, utf8: line), mapRange: mapRange, to: &output)
        } else {
            output.append(contentsOf: #","paths":["#.utf8)
            for (rank, path) in paths.enumerated() {
                if rank > 0 { output.append(0x2C) }
                output.append(contentsOf: #"{"rank":"#.utf8)
                output.append(contentsOf: String(rank + 1).utf8)
                output.append(contentsOf: #","tokens":"#.utf8)
                appendTokens(analyzer.morphemes(path, in: lattice, utf8: line), mapRange: mapRange, to: &output)
                output.append(0x7D)
            }
            output.append(0x5D)
        }
        output.append(contentsOf: "}\n".utf8)
    }

    private func appendTokens(_ morphemes: [Morpheme], mapRange: ((Range<Int>) -> Range<Int>)?, to output: inout [UInt8]) {
        output.append(0x5B)
        for (index, var morpheme) in morphemes.enumerated() {
            if let mapRange {
                let span = mapRange(morpheme.start..<morpheme.end)
                (morpheme.start, morpheme.end) = (span.lowerBound, span.upperBound)
                for part in morpheme.expression.indices {
                    let partSpan = mapRange(morpheme.expression[part].start..<morpheme.expression[part].end)
                    (morpheme.expression[part].start, morpheme.expression[part].end) = (partSpan.lowerBound, partSpan.upperBound)
                }
            }
            if index > 0 { output.append(0x2C) }
            output.append(contentsOf: #"{"surface":"#.utf8)
            Self.appendJSONString(morpheme.surface, to: &output)
            output.append(contentsOf: #","pos":"#.utf8)
            Self.appendJSONString(morpheme.pos, to: &output)
            output.append(contentsOf: #","features":["#.utf8)
            for (fieldIndex, field) in morpheme.features.enumerated() {
                if fieldIndex > 0 { output.append(0x2C) }
                Self.appendJSONString(field, to: &output)
            }
            output.append(contentsOf: #"],"start":"#.utf8)
            output.append(contentsOf: String(morpheme.start).utf8)
            output.append(contentsOf: #","end":"#.utf8)
            output.append(contentsOf: String(morpheme.end).utf8)
            output.append(contentsOf: #","unknown":"#.utf8)
            output.append(contentsOf: (morpheme.isUnknown ? "true" : "false").utf8)
            if !morpheme.expression.isEmpty {
                output.append(contentsOf: #","morphemes":["#.utf8)
                for (partIndex, part) in morpheme.expression.enumerated() {
                    if partIndex > 0 { output.append(0x2C) }
                    output.append(contentsOf: #"{"form":"#.utf8)
                    Self.appendJSONString(part.form, to: &output)
                    output.append(contentsOf: #","pos":"#.utf8)
                    Self.appendJSONString(part.pos, to: &output)
                    output.append(contentsOf: #","semantic":"#.utf8)
                    Self.appendJSONString(part.semanticClass, to: &output)
                    output.append(contentsOf: #","start":"#.utf8)
                    output.append(contentsOf: String(part.start).utf8)
                    output.append(contentsOf: #","end":"#.utf8)
                    output.append(contentsOf: String(part.end).utf8)
                    output.append(0x7D)
                }
                output.append(0x5D)
            }
            output.append(0x7D)
        }
        output.append(0x5D)
    }

    static func appendJSONString(_ string: String, to output: inout [UInt8]) {
        JSONValue.appendString(string, to: &output)
    }

    static func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        JSONValue.appendString(utf8: bytes, to: &output)
    }

    // MARK: CoNLL-U

    private func appendCoNLLU(
        line: UnsafeBufferPointer<UInt8>, number: Int, rank: Int?, morphemes: [Morpheme], to output: inout [UInt8]
    ) {
        let text = String(decoding: line, as: UTF8.self)
        var words: [CoNLLUSentence.Word] = []
        var tokenIndex = 0
        for eojeol in CoNLLUSentence.eojeols(of: text) {
            var word = CoNLLUSentence.Word(form: eojeol.form, lemmas: [], tags: [])
            while tokenIndex < morphemes.count && morphemes[tokenIndex].start < eojeol.end {
                for part in Self.conlluParts(of: morphemes[tokenIndex]) {
                    word.lemmas.append(part.form)
                    word.tags.append(part.pos)
                }
                tokenIndex += 1
            }
            words.append(word)
        }
        let sentence = CoNLLUSentence(id: "\(number)\(rank.map { "-\($0)" } ?? "")", text: text, words: words)
        output.append(contentsOf: sentence.rendered.utf8)
    }

    /// The morphemes a token contributes to a CoNLL-U LEMMA: a simple or Compound token whole (UD keeps
    /// compound nouns whole), the expression's parts of an Inflect or Preanalysis token, in
    /// compatibility jamo.
    public static func conlluParts(of morpheme: Morpheme) -> [(form: String, pos: String)] {
        if morpheme.type == "Compound" || morpheme.expression.isEmpty { return [(morpheme.surface, morpheme.pos)] }
        return morpheme.expression.map { (compatibilityJamo($0.form), $0.pos) }
    }

    /// Whitespace that separates eojeols: the characters MeCab skips (tab, LF, VT, CR, space) plus the
    /// other Unicode spaces, which cannot appear inside a CoNLL-U FORM.
    static func isEojeolSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Replaces conjoining final consonants (U+11A8…U+11C2), as mecab-ko-dic writes bare endings, with
    /// the compatibility jamo (U+3131…) that UD and Sejong corpora use: `ᆫ다` → `ㄴ다`.
    public static func compatibilityJamo(_ form: String) -> String {
        var result = ""
        for scalar in form.unicodeScalars {
            if (0x11A8...0x11C2).contains(scalar.value), let letter = HangulJamo.compatibility(ofConjoining: scalar.value) {
                result.unicodeScalars.append(Unicode.Scalar(letter)!)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
