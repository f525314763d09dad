import Foundation
import MalmoiCore

/// Recognises a JSON document given to `malmoi import` where JSON Lines are expected (a KorQuAD or
/// SQuAD file, a pretty-printed object, an array) and says which command converts it, instead of
/// failing on line 1 with a syntax error (issue 12, item 8).
///
/// ```swift
/// try JSONDocumentCheck.refuseDocument(at: "dev.json", project: "korquad")   // throws: convert it with malmoi qa import
/// ```
public enum JSONDocumentCheck {
    /// Throws ``InputError`` (exit 2) naming the converting command when `path` holds one JSON document
    /// rather than one object per line; returns quietly for JSONL (or anything it cannot tell apart).
    public static func refuseDocument(at path: String, project: String) throws {
        // Only a regular file is read twice: a FIFO would lose what this read, a folder is the reader's error.
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 1 << 20))
        var start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < head.count, [0x20, 0x09, 0x0A, 0x0D].contains(head[start]) { start += 1 }
        guard start < head.count else { return }
        if head[start] == UInt8(ascii: "[") {
            throw InputError(.invalidJSON, "\(path) is one JSON array, not JSON Lines (one object per line); "
                             + "write one item per line, for example: jq -c '.[]' \(path) > items.jsonl",
                             at: SourceLocation(path: path, line: 1))
        }
        guard head[start] == UInt8(ascii: "{") else { return }
        guard let lineEnd = head[start...].firstIndex(of: 0x0A) ?? (head.count < 1 << 20 ? head.count : nil) else {
            return   // a first line longer than the part read is one line, for the reader
        }
        let firstLine = Array(head[start..<lineEnd])
        let document: JSONValue
        if let value = try? firstLine.withUnsafeBufferPointer({ try JSONValue.parse($0) }) {
            document = value   // a whole document on one line is also a valid JSONL line
        } else {
            // A document over several lines is read whole only when it is small enough to be one; a large
            // file with a bad first line is the reader's to report.
            guard info.st_size <= 64 << 20, let whole = FileManager.default.contents(atPath: path),
                  let value = try? [UInt8](whole).withUnsafeBufferPointer({ try JSONValue.parse($0) }) else { return }
            document = value
            if !isKorQuAD(value) {
                throw InputError(.invalidJSON, "\(path) is one JSON document over several lines, not JSON Lines (one object per line); "
                                 + "write one item per line, for example: jq -c '.items[]' \(path) > items.jsonl",
                                 at: SourceLocation(path: path, line: 1))
            }
        }
        if isKorQuAD(document) {
            throw InputError(.invalidJSON, "\(path) is a KorQuAD/SQuAD JSON document, not Malmoi item JSONL; convert it first: "
                             + "malmoi qa import \(path) -o items.jsonl (one item per paragraph; add --unit question for answer "
                             + "validation), then: malmoi import --project \(project) items.jsonl",
                             at: SourceLocation(path: path, line: 1))
        }
    }

    /// `{"data": [{"paragraphs": …} …]}` (KorQuAD 1.0, SQuAD 1.1/2.0) or `{"data": [{"context": …}]}`.
    public static func isKorQuAD(_ value: JSONValue) -> Bool {
        guard value["text"] == nil, let data = value["data"]?.arrayValue, let first = data.first else { return false }
        return first["paragraphs"] != nil || first["context"] != nil
    }
}
