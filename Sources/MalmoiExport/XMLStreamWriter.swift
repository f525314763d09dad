import CLibXML2
import MalmoiCore

/// A streaming XML writer over libxml2's `xmlTextWriter`, writing UTF-8 to a file descriptor.
///
/// ```swift
/// let xml = try XMLStreamWriter(fileDescriptor: 1)
/// try xml.startDocument()
/// try xml.startElement("corpus")
/// try xml.attribute("version", "1")
/// try xml.text("안녕 & 잘 가")   // escaped by libxml2
/// try xml.endDocument()
/// try xml.close()
/// ```
/// libxml2 escapes markup characters, and TAB/LF/CR in attributes and CR in text as character
/// references. It does not protect against characters XML 1.0 forbids; callers pass strings through
/// ``XMLCharacters`` first. This is the only file in MalmoiExport that imports the C shim.
public final class XMLStreamWriter {
    private var handle: OpaquePointer?

    /// Opens a writer on an open file descriptor (not closed by the writer).
    /// - Parameter indent: indent nested elements by one space per level (never inside text).
    /// - Throws: ``ExportError`` when libxml2 cannot create the writer.
    public init(fileDescriptor: Int32, indent: Bool = true) throws {
        guard let handle = malmoi_xml_writer_open_fd(fileDescriptor, indent ? 1 : 0) else {
            throw ExportError("xmlNewTextWriter failed: cannot create the XML writer")
        }
        self.handle = handle
    }

    deinit {
        if let handle { _ = malmoi_xml_writer_close(handle) }
    }

    /// Writes the XML declaration (version 1.0, UTF-8).
    public func startDocument() throws { try check(malmoi_xml_start_document(handle), "xmlTextWriterStartDocument") }

    /// Opens an element.
    public func startElement(_ name: String) throws {
        try check(malmoi_xml_start_element(handle, name), "xmlTextWriterStartElement")
    }

    /// Writes an attribute of the element just opened.
    public func attribute(_ name: String, _ value: String) throws {
        try check(malmoi_xml_attribute(handle, name, value), "xmlTextWriterWriteAttribute")
    }

    /// Writes character data.
    public func text(_ value: String) throws {
        try check(malmoi_xml_text(handle, value), "xmlTextWriterWriteString")
    }

    /// Closes the innermost element.
    public func endElement() throws { try check(malmoi_xml_end_element(handle), "xmlTextWriterEndElement") }

    /// Closes all elements and the document.
    public func endDocument() throws { try check(malmoi_xml_end_document(handle), "xmlTextWriterEndDocument") }

    /// Flushes and frees the writer.
    public func close() throws {
        guard let handle else { return }
        self.handle = nil
        if malmoi_xml_writer_close(handle) < 0 { throw ExportError("xmlTextWriterFlush failed: the output could not be written") }
    }

    private func check(_ status: Int32, _ call: String) throws {
        guard handle != nil else { throw ExportError("\(call) called after close") }
        if status < 0 { throw ExportError("\(call) failed: the output could not be written") }
    }
}

/// Validates XML files against a RelaxNG schema with libxml2, streaming.
///
/// ```swift
/// let problems = try RelaxNGValidator.validate(document: "corpus.xml", schema: "Guidelines/malmoi-corpus.rng")
/// // [] when valid; otherwise "file:line: message" strings
/// ```
public enum RelaxNGValidator {
    /// The problems found (empty when the document is well-formed and valid).
    /// - Throws: ``ExportError`` when the schema cannot be read or compiled.
    public static func validate(document: String, schema: String) throws -> [String] {
        var buffer = [CChar](repeating: 0, count: 8192)
        let status = malmoi_xml_validate_relaxng(schema, document, &buffer, buffer.count)
        let message = buffer.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeRawBufferPointer(pointer).prefix { $0 != 0 }, as: UTF8.self)
        }
        let lines = message.split(separator: "\n").map(String.init)
        switch status {
        case 0: return []
        case 1: return lines.isEmpty ? ["\(document): not valid"] : lines
        default: throw ExportError("xmlRelaxNGParse failed for \(schema): " + lines.joined(separator: "; "))
        }
    }
}
