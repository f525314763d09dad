#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MalmoiText

/// A progress line on standard error for long work: count, rate and time left, drawn only when standard
/// error is a terminal (never in pipes or logs), at most five times a second.
///
/// ```swift
/// let bar = ProgressBar(label: "import", total: 1_000_000, unit: "items")
/// for … { bar.advance(to: done) }
/// bar.finish()
/// ```
/// With a total it draws `import  [#####·····]  52% 520,000/1,000,000 items  81,234/s  0:06 left`; without
/// one, the count and rate. The line fits the terminal's width (measured by ``DisplayWidth``).
public final class ProgressBar {
    private let label: String
    private let total: Int?
    private let unit: String
    private let terminal: TerminalInfo
    private let start: Double
    private var lastDraw = 0.0
    private var drawn = false

    /// Whether the bar draws anything (standard error is a terminal).
    public var isVisible: Bool { terminal.isTerminal }

    /// Makes a bar; nothing is drawn until the first ``advance(to:)``.
    /// - Parameters:
    ///   - label: What is being done (`import`, `export`, `morph`).
    ///   - total: The count at the end, when known.
    ///   - unit: What is counted (`items`, `lines`, `MB`).
    ///   - terminal: Where to draw; standard error by default.
    public init(label: String, total: Int? = nil, unit: String = "items", terminal: TerminalInfo = TerminalInfo(fileDescriptor: 2)) {
        self.label = label
        self.total = total
        self.unit = unit
        self.terminal = terminal
        start = ProgressBar.now()
    }

    /// Reports the count done so far; redraws at most five times a second.
    public func advance(to done: Int) {
        guard terminal.isTerminal else { return }
        let now = ProgressBar.now()
        guard now - lastDraw >= 0.2 else { return }
        lastDraw = now
        draw(ProgressBar.line(label: label, done: done, total: total, unit: unit, seconds: now - start, width: terminal.columns))
    }

    /// Clears the progress line (the command's own summary follows).
    public func finish() {
        guard drawn else { return }
        draw("")
        drawn = false
    }

    /// The text of one progress line (without escapes), fitted to `width` columns.
    public static func line(label: String, done: Int, total: Int?, unit: String, seconds: Double, width: Int) -> String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var tail = grouped(done)
        var bar = ""
        if let total, total > 0 {
            let share = min(1, Double(done) / Double(total))
            tail = "\(Int(share * 100))% " + tail + "/" + grouped(total)
            let left = rate > 0 ? Double(max(0, total - done)) / rate : nil
            tail += " \(unit)  \(grouped(Int(rate)))/s" + (left.map { "  " + clock($0) + " left" } ?? "")
            let room = width - DisplayWidth.columns(of: label) - DisplayWidth.columns(of: tail) - 6
            if room >= 10 {
                let cells = min(room, 30)
                let filled = Int((share * Double(cells)).rounded(.down))
                bar = "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: cells - filled) + "]  "
            }
        } else {
            tail += " \(unit)  \(grouped(Int(rate)))/s  " + clock(seconds)
        }
        let text = label + "  " + bar + tail
        return String(DisplayWidth.prefix(of: Substring(text), fitting: max(1, width - 1)))
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Seconds as `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, (whole / 60) % 60, whole % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }

    private func draw(_ text: String) {
        let bytes = Array(("\r" + text + "\u{1B}[K").utf8)
        _ = bytes.withUnsafeBytes { write(terminal.fileDescriptor, $0.baseAddress, $0.count) }
        drawn = true
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
