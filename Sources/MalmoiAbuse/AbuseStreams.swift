import MalmoiCore
import MalmoiText

extension AbuseScanner {
    /// Scans every message of `paths` (`-` is standard input) on `jobs` threads and writes one
    /// ``ScanResult`` JSON line per message to `writer`, in input order (`malmoi abuse scan`).
    /// - Parameters:
    ///   - records: how a line becomes a message (text, JSONL field, or auto).
    ///   - normalization: the step applied to each message before scanning (offsets stay in the input's).
    ///   - explaining: add every candidate and the rules that kept or dropped it.
    ///   - progress: called with the count of messages written so far (for a progress bar).
    /// - Throws: the reader's located errors (file, line, field).
    public func scanLines(of paths: [String], records: TextRecordReader, jobs: Int, normalization: InputNormalization,
                          explaining: Bool, to writer: ByteWriter, progress: (Int) -> Void = { _ in }) throws {
        var scanned = 0
        for path in paths {
            let reader = try ByteLineReader(path: path)
            try reader.mapLineBlocks(jobs: jobs, prepare: { bytes, number, block in
                // A text line is its own message: once its UTF-8 is checked, its bytes go into the block
                // as they are, without a String made and copied back (the reader's error otherwise).
                let isText = records.format == .text || (records.format == .auto && bytes.first != UInt8(ascii: "{"))
                if isText, Self.isValidUTF8Quickly(bytes) || firstInvalidUTF8(bytes) == nil {
                    block.append(bytes, number: number)
                } else if let (text, _) = try records.record(bytes, path: reader.displayPath, line: number) {
                    block.append(text, number: number)
                }
            }, transform: { block in
                var output: [UInt8] = []
                block.forEachLine { bytes, _ in
                    // The normalization check reads the line's bytes; only a line that changes goes
                    // through the mapping path.
                    if normalization.isNormal(utf8: bytes) {
                        // As `scan(_:explaining:)`, without a String for a line that is its own canonical form.
                        let line = self.canonicalizer.scanLine(utf8: bytes, explaining: explaining)
                        ScanResult(flagged: !line.hits.isEmpty, canonical: line.text ?? "", hits: line.hits, decisions: line.decisions)
                            .appendJSON(to: &output, canonicalUTF8: line.text == nil ? bytes : nil)
                    } else {
                        self.scan(String(decoding: bytes, as: UTF8.self), normalization: normalization, explaining: explaining)
                            .appendJSON(to: &output)
                    }
                    output.append(0x0A)
                }
                return output
            }, emit: { output in
                output.withUnsafeBytes { writer.write(bytes: $0) }
                scanned += output.lazy.filter { $0 == 0x0A }.count
                progress(scanned)
            })
        }
    }
}

extension AbuseScanner {
    /// Whether `bytes` are well-formed UTF-8 made of the common sequences only (ASCII, two-byte
    /// sequences, three-byte sequences other than those led by E0, so every Hangul syllable and jamo);
    /// `false` means "not proven" and the reader's full check decides.
    static func isValidUTF8Quickly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        let end = p + bytes.count
        while p < end {
            let lead = p.pointee
            if lead < 0x80 {
                p += 1
            } else if lead >= 0xE1 && lead <= 0xEF && lead != 0xED {
                // E1…EC and EE…EF take any two continuation bytes.
                guard end - p >= 3, UnsafeRawPointer(p + 1).loadUnaligned(as: UInt16.self) & 0xC0C0 == 0x8080 else { return false }
                p += 3
            } else if lead == 0xED {
                // ED A0…BF would be a surrogate.
                guard end - p >= 3, p[1] >= 0x80 && p[1] <= 0x9F, p[2] & 0xC0 == 0x80 else { return false }
                p += 3
            } else if lead >= 0xC2 && lead <= 0xDF {
                guard end - p >= 2, p[1] & 0xC0 == 0x80 else { return false }
                p += 2
            } else {
                return false
            }
        }
        return true
    }
}

extension CanonicalDeduplicator {
    /// Reads the messages of `paths` and writes each one whose key is new to `writer` (its JSON object, or
    /// its text line), or with `report` one ``report(line:key:duplicateOf:)`` line per message (`malmoi
    /// abuse dedup`).
    /// - Returns: the number of duplicates.
    public mutating func filter(_ paths: [String], records: TextRecordReader, report: Bool, to writer: ByteWriter) throws -> Int {
        var duplicates = 0
        try records.forEachRecord(in: paths) { text, location, object in
            let earlier = insert(text, id: "\(location.path):\(location.line ?? 0)")
            if earlier != nil { duplicates += 1 }
            if report {
                writer.writeJSONLine(Self.report(line: location.line ?? 0, key: key(for: text), duplicateOf: earlier))
            } else if earlier == nil {
                if let object { writer.writeJSONLine(.object(object)) } else { writer.write(text + "\n") }
            }
        }
        return duplicates
    }
}

extension Canonicalizer {
    /// How ``write(_:records:as:to:)`` writes each message.
    public enum OutputStyle: Sendable {
        /// The canonical text, one line per message.
        case text
        /// One JSON object per message: the canonical text and every transformation with its spans.
        case json
        /// The message, `→` the canonical text, then one indented line per change (`abuse canon --explain`).
        case explained
    }

    /// Canonicalizes every message of `paths` and writes it to `writer` in `style` (`malmoi abuse canon`).
    /// - Throws: the reader's located errors.
    public func write(_ paths: [String], records: TextRecordReader, as style: OutputStyle, to writer: ByteWriter) throws {
        try records.forEachRecord(in: paths) { text, _, _ in
            let result = canonicalize(text)
            switch style {
            case .explained:
                writer.write("\n\(text)\n→ \(result.text)\n")
                for change in result.transformations { writer.write("  \(change.explanation)\n") }
            case .json:
                writer.writeJSONLine(result.jsonValue)
            case .text:
                writer.write(result.text + "\n")
            }
        }
    }
}

extension VariantGenerator {
    /// Writes `count` variants of `message` made with `technique` from `seed` to `writer`: one text line
    /// each, or with `json` one object `{"message", "text", "technique", "spans"}` (`malmoi abuse variants`).
    /// - Throws: ``AbuseError`` when the message has nothing to disguise.
    public func write(variantsOf message: String, technique: EvasionTechnique, seed: UInt64, count: Int, json: Bool,
                      to writer: ByteWriter) throws {
        for variant in try variants(of: message, technique: technique, seed: seed, count: count) {
            if json { writer.writeJSONLine(variant.jsonValue(message: message)) } else { writer.write(variant.text + "\n") }
        }
    }
}
