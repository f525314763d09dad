import MalmoiCore
import MalmoiMorph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The model file: one JSON header line, then a little-endian binary body.
///
/// The header names the format (`malmoi-model`), its `schema_version`, the labels, and the features
/// (groups, hash size and seed, weighting, canonicalizer lexicon version, morpheme dictionary or
/// `"absent"`). The body is the magic `MLMW0001`, the column count `K` (UInt32), `K` buckets (UInt32),
/// `K` idf values (Float32), then per classifier its bias (Float64) and `K` weights (Float32).
extension TextClassifier {
    /// The file format's name in the header.
    public static let formatName = "malmoi-model"
    /// The newest file format version this build reads and writes. Version 2 is version 1 with feature
    /// groups a version-1 reader does not know (`jamo-onset1-4`); a file without them is still written as
    /// version 1, byte for byte as before, so older builds keep reading it.
    public static let schemaVersion = 2

    /// The version written for a model reading `groups`: 2 only when a version-1 reader could not read them.
    static func schemaVersion(for groups: FeatureGroups) -> Int {
        groups.contains(.jamoOnsets) ? 2 : 1
    }
    static let magic: [UInt8] = Array("MLMW0001".utf8)

    /// The header as JSON.
    public var header: JSONValue {
        let features: JSONValue = [
            "groups": .array(extractor.groups.names.map { .string($0) }),
            "hash_bits": .int(extractor.hashBits),
            "seed": .number(Double(extractor.seed)),
            "weighting": "sublinear tf-idf, l2-normalized",
            "text": .string("abuse canonicalizer, lexicon \(training.lexiconVersion)"),
            "morphemes": .string(training.dictionary ?? "absent"),
        ]
        var trainingJSON: JSONValue = [
            "examples": .int(training.examples),
            "c": .number(training.c),
            "class_weight": .string(training.classWeight.rawValue),
            "iterations": .array(training.iterations.map { .int($0) }),
        ]
        if let threshold = training.threshold, case .object(var object) = trainingJSON {
            // Only tuned models carry it, so untuned files stay as they were.
            object["threshold"] = .number(threshold)
            trainingJSON = .object(object)
        }
        return [
            "format": .string(Self.formatName),
            "schema_version": .int(Self.schemaVersion(for: extractor.groups)),
            "model": "logistic-regression one-vs-rest",
            "labels": .array(labels.map { .string($0) }),
            "multi_label": .bool(isMultiLabel),
            "classifiers": .int(classifierCount),
            "columns": .int(buckets.count),
            "features": features,
            "training": trainingJSON,
        ]
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var bytes: [UInt8] = []
        header.appendSerialized(to: &bytes)
        bytes.append(0x0A)
        bytes += Self.magic
        Self.append(UInt32(buckets.count), to: &bytes)
        for bucket in buckets { Self.append(bucket, to: &bytes) }
        for value in idf { Self.append(value.bitPattern, to: &bytes) }
        for c in 0..<classifierCount {
            Self.append(biases[c].bitPattern, to: &bytes)
            for value in weights[c] { Self.append(value.bitPattern, to: &bytes) }
        }
        return bytes
    }

    /// Writes the model to a file through ``AtomicFile`` (an unpredictable exclusive temporary file renamed
    /// into place, removed on failure and on SIGINT/SIGTERM), refusing to write over any of `inputs`
    /// (the training data, the store and its journal files).
    /// - Throws: ``FileError`` naming the path and the system's reason.
    public func write(to path: String, refusing inputs: [String] = []) throws {
        let bytes = serialized()
        try AtomicFile.write(to: path, refusing: inputs) { writer in
            bytes.withUnsafeBytes { writer.write(bytes: $0) }
        }
    }

    /// Reads a model file.
    /// - Parameters:
    ///   - path: the file.
    ///   - analyzer: the morpheme analyzer, needed when the model reads morphemes.
    /// - Throws: ``ModelError`` `.invalidModelFile` naming the file and what is wrong, `.dictionaryMissing`.
    public init(contentsOf path: String, analyzer: Analyzer? = nil) throws {
        let bytes = try Self.readFile(path)
        try self.init(bytes: bytes, path: path, analyzer: analyzer)
    }

    /// Reads a model from a file's bytes; `path` is used in error messages.
    public init(bytes: [UInt8], path: String, analyzer: Analyzer? = nil) throws {
        func bad(_ message: String) -> ModelError {
            ModelError(.invalidModelFile, "\(path): \(message)")
        }
        guard let newline = bytes.firstIndex(of: 0x0A) else { throw bad("not a Malmoi model file (no header line)") }
        let header: JSONValue
        do {
            header = try bytes[0..<newline].withUnsafeBufferPointer { try JSONValue.parse($0) }
        } catch {
            throw bad("not a Malmoi model file (the header is not JSON)")
        }
        guard header["format"]?.stringValue == Self.formatName else { throw bad("not a Malmoi model file") }
        guard let version = header["schema_version"]?.intValue, (1...Self.schemaVersion).contains(version) else {
            throw bad("model file version \(header["schema_version"]?.serialized() ?? "?") is not supported; this build reads versions 1–\(Self.schemaVersion)")
        }
        guard let labels = header["labels"]?.arrayValue?.compactMap(\.stringValue), labels.count >= 1,
              let isMulti = header["multi_label"]?.boolValue,
              let k = header["classifiers"]?.intValue, k >= 1,
              let features = header["features"],
              let groupNames = features["groups"]?.arrayValue?.compactMap(\.stringValue),
              let hashBits = features["hash_bits"]?.intValue,
              let seed = features["seed"]?.doubleValue,
              let trainingJSON = header["training"]
        else { throw bad("the header lacks a required field") }
        let groups = try FeatureGroups(parsing: groupNames.joined(separator: ","))
        if groups.contains(.morphemes) && analyzer == nil {
            throw ModelError(.dictionaryMissing,
                             "\(path): the model reads morphemes and needs mecab-ko-dic. \(SystemDictionary.setupHint)")
        }
        let extractor = try FeatureExtractor(groups: groups, hashBits: hashBits, seed: UInt64(seed), analyzer: analyzer)
        var reader = BodyReader(bytes: bytes, offset: newline + 1)
        guard reader.take(8).elementsEqual(Self.magic) else { throw bad("the body does not start with the model magic") }
        guard let count = reader.uint32() else { throw bad("the file is truncated") }
        let columns = Int(count)
        guard bytes.count - reader.offset == columns * 8 + k * (8 + columns * 4) else {
            throw bad("the body has \(bytes.count - reader.offset) bytes, not the \(columns * 8 + k * (8 + columns * 4)) its header promises")
        }
        var buckets: [UInt32] = []
        buckets.reserveCapacity(columns)
        for _ in 0..<columns {
            let bucket = reader.uint32()!
            guard Int(bucket) < extractor.bucketCount else { throw bad("bucket \(bucket) is out of range") }
            buckets.append(bucket)
        }
        var idf: [Float] = []
        idf.reserveCapacity(columns)
        for _ in 0..<columns { idf.append(Float(bitPattern: reader.uint32()!)) }
        var weights: [[Float]] = []
        var biases: [Double] = []
        for _ in 0..<k {
            biases.append(Double(bitPattern: reader.uint64()!))
            var vector: [Float] = []
            vector.reserveCapacity(columns)
            for _ in 0..<columns { vector.append(Float(bitPattern: reader.uint32()!)) }
            weights.append(vector)
        }
        let summary = TrainingSummary(
            examples: trainingJSON["examples"]?.intValue ?? 0,
            c: trainingJSON["c"]?.doubleValue ?? 0,
            classWeight: TrainingOptions.ClassWeight(rawValue: trainingJSON["class_weight"]?.stringValue ?? "") ?? .none,
            iterations: trainingJSON["iterations"]?.arrayValue?.compactMap(\.intValue) ?? [],
            threshold: trainingJSON["threshold"]?.doubleValue,
            dictionary: features["morphemes"]?.stringValue.flatMap { $0 == "absent" ? nil : $0 },
            lexiconVersion: extractor.canonicalizer.lexicon.version)
        self.init(labels: labels, isMultiLabel: isMulti, extractor: extractor, training: summary,
                  buckets: buckets, idf: idf, weights: weights, biases: biases)
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ModelError(.invalidModelFile, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ModelError(.invalidModelFile, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}

/// Reads little-endian integers from a byte array.
struct BodyReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func take(_ count: Int) -> ArraySlice<UInt8> {
        let end = min(bytes.count, offset + count)
        defer { offset = end }
        return bytes[offset..<end]
    }

    mutating func uint32() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[offset + i]) << UInt32(8 * i) }
        offset += 4
        return value
    }

    mutating func uint64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return value
    }
}

extension TextClassifier {
    /// The number of features (hash buckets seen in training) the model weighs.
    public var featureCount: Int { buckets.count }

    /// Whether the model in a file reads morphemes (and so needs mecab-ko-dic to load).
    /// - Throws: ``ModelError`` `.invalidModelFile` when the file cannot be read or has no JSON header.
    public static func readsMorphemes(_ path: String) throws -> Bool {
        let bytes = try readFile(path)
        guard let newline = bytes.firstIndex(of: 0x0A),
              let header = try? bytes[0..<newline].withUnsafeBufferPointer({ try JSONValue.parse($0) }),
              header["format"]?.stringValue == formatName
        else { throw ModelError(.invalidModelFile, "\(path): not a Malmoi model file") }
        let groups = header["features"]?["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return groups.contains("morphemes")
    }
}
