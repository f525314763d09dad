#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file descriptor is connected to, and what may be written to it.
///
/// ```swift
/// let out = TerminalInfo(fileDescriptor: 1)
/// if out.allowsColour { … }
/// let lines = TextWrapper.wrap(passage, width: out.columns)
/// ```
/// Colour is used only on a terminal, never when `NO_COLOR` is set to anything non-empty
/// (<https://no-color.org>), and never on `TERM=dumb`.
public struct TerminalInfo: Sendable {
    /// The descriptor.
    public var fileDescriptor: Int32
    /// Whether it is a terminal.
    public var isTerminal: Bool
    /// Its width in columns: the terminal's size, else `$COLUMNS`, else 80.
    public var columns: Int
    /// Whether colour escapes may be written to it.
    public var allowsColour: Bool

    /// Looks at a descriptor now.
    /// - Parameters:
    ///   - fileDescriptor: 0, 1 or 2 usually.
    ///   - environment: The process environment (given for tests).
    public init(fileDescriptor: Int32, environment: [String: String] = TerminalInfo.processEnvironment()) {
        self.fileDescriptor = fileDescriptor
        isTerminal = isatty(fileDescriptor) == 1
        var size = winsize()
        if isTerminal, ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            columns = Int(size.ws_col)
        } else {
            columns = environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
        }
        allowsColour = isTerminal && TerminalInfo.coloursAllowed(by: environment)
    }

    /// Whether the environment allows colour: no non-empty `NO_COLOR`, and `TERM` is not `dumb`.
    public static func coloursAllowed(by environment: [String: String]) -> Bool {
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The environment of this process.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// `text` in the SGR style `code` (e.g. `"1;36"`) when colour is allowed, else unchanged.
    public func painted(_ text: String, _ code: String) -> String {
        allowsColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
