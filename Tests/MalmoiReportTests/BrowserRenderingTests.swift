import Foundation
import MalmoiReport
import Testing

/// Renders pages with headless Chromium and looks at the picture and the console.
///
/// Skipped with a printed reason when no Chromium is installed, except under CI (`CI=true`), where a
/// missing browser fails the test: `.ci/run` installs Debian's `chromium`.
@Suite("Pages in a real browser")
struct BrowserRenderingTests {
    @Test("the project report renders, is not blank and logs no console errors")
    func reportRenders() throws {
        guard let browser = try Browser.find() else { return }
        let fixture = try ReportFixture()
        let html = try ProjectReport.gather(from: fixture.store, project: fixture.project, module: fixture.module).html()
        let shot = try browser.render(html, width: 1200, height: 2400)
        #expect(shot.consoleMessages.isEmpty, "console: \(shot.consoleMessages)")
        #expect(shot.inkShare > 0.04, "only \(shot.inkShare) of the pixels are drawn")
        #expect(shot.colours >= 3, "\(shot.colours) colours")
    }

    @Test("the agreement page renders, is not blank and logs no console errors")
    func agreementPageRenders() throws {
        guard let browser = try Browser.find() else { return }
        let fixture = try ReportFixture()
        let report = try ProjectReport.gather(from: fixture.store, project: fixture.project, module: fixture.module)
        let html = AgreementPage.html(report.agreement, taskFigures: report.taskFigures, title: "project 리뷰")
        let shot = try browser.render(html, width: 1000, height: 1400)
        #expect(shot.consoleMessages.isEmpty, "console: \(shot.consoleMessages)")
        #expect(shot.inkShare > 0.03, "only \(shot.inkShare) of the pixels are drawn")
    }

    @Test("the check sees a script error and a nearly blank page (negative control)")
    func negativeControl() throws {
        guard let browser = try Browser.find() else { return }
        let shot = try browser.render("<!DOCTYPE html><html><body><p>x</p><script>notDefined();</script></body></html>", width: 400, height: 300)
        #expect(shot.consoleMessages.contains { $0.contains("ReferenceError") })
        #expect(shot.inkShare < 0.01)
    }
}

/// A headless Chromium on this machine.
struct Browser {
    /// What a screenshot showed.
    struct Shot {
        /// Lines Chromium logged from the page's console (errors, warnings, `console.log`).
        var consoleMessages: [String]
        /// The share of pixels that are not (near) white.
        var inkShare: Double
        /// Distinct colours (quantized to 4 bits a channel).
        var colours: Int
    }

    let executable: String

    /// The browser, nil (with a printed skip reason) when none is installed and not under CI.
    static func find() throws -> Browser? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return Browser(executable: path) }
            }
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("chromium is not installed (CI installs it: apt-get install chromium)")
        } else {
            print("skipped: no chromium on PATH (apt-get install chromium)")
        }
        return nil
    }

    /// Writes `html` to a temporary file, screenshots it and decodes the PNG.
    func render(_ html: String, width: Int, height: Int) throws -> Shot {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let png = directory.appendingPathComponent("shot.png").path
        let log = try run(executable, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                       "--user-data-dir=\(directory.path)/profile", "--enable-logging=stderr", "--v=0", "--force-device-scale-factor=0.5",
                                       "--window-size=\(width),\(height)", "--screenshot=\(png)", page.absoluteString])
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        let measured = try run("/usr/bin/env", ["python3", "-c", Self.pngInk, png]).split(separator: " ")
        try #require(measured.count == 2, "could not decode \(png)")
        return Shot(consoleMessages: console, inkShare: Double(measured[0].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0,
                    colours: Int(measured[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        try #require(process.terminationStatus == 0, "\(executable) exited \(process.terminationStatus): \(text.suffix(2000))")
        return text
    }

    /// Decodes an 8-bit, non-interlaced RGB/RGBA PNG with the standard library only (zlib) and prints the
    /// share of non-white pixels and the number of distinct 4-bit-quantized colours.
    static let pngInk = #"""
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, width = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and colour in (2, 6) and interlace == 0
        channels = 3 if colour == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * channels
previous = bytearray(stride)
ink, colours, at = 0, set(), 0
for _ in range(height):
    kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
    at += 1 + stride
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = previous[i]
        c = previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, channels):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if r < 240 or g < 240 or bl < 240:
            ink += 1
        colours.add((r >> 4, g >> 4, bl >> 4))
    previous = line
print(ink / (width * height), len(colours))
"""#
}
