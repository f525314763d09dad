/// The shared look of Malmoi's HTML pages: one self-contained document with inline CSS and script.
///
/// ```swift
/// let html = ReportPage.document(title: "project reviews", body: "<h1>…</h1>")
/// ```
/// No network, no external fonts: Korean falls back to the system's fonts (Noto Sans CJK, Apple SD Gothic
/// Neo, Malgun Gothic …). Tables with class `sortable` sort by a click on a column heading; a cell's
/// `data-v` attribute, when present, is the value it sorts by. The script is added only to pages with
/// such a table. Print: charts never split across pages
/// and colours are kept.
public enum ReportPage {
    /// A complete HTML document around `body`.
    /// - Parameters:
    ///   - title: The document's `<title>`.
    ///   - body: HTML for inside `<body>`.
    /// - Returns: The page, UTF-8 text ending with a newline.
    public static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="ko">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        \(body.contains("class=\"sortable\"") ? "<script>\n" + script + "\n</script>" : "")
        </body>
        </html>

        """
    }

    /// The page's style sheet.
    public static let css = """
        :root { --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --blue: #2b6cb0; --paper: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--paper); color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR",
                     "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic", sans-serif; word-break: keep-all; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 16px; margin: 20px 0 6px; }
        p.lead, p.note { color: var(--muted); margin: 4px 0 12px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 16px 0; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
        .card b { display: block; font-size: 24px; }
        .card span { color: var(--muted); font-size: 13px; }
        .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 12px 24px; }
        figure.chart { margin: 8px 0 16px; break-inside: avoid; page-break-inside: avoid; }
        figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
        svg text { font-family: inherit; fill: var(--ink); }
        svg text.t { font-size: 11px; fill: var(--muted); }
        svg text.l { font-size: 12px; }
        svg text.v { font-size: 11px; }
        svg text.in { font-size: 11px; fill: #ffffff; }
        svg text.a { font-size: 12px; font-weight: 600; fill: var(--muted); }
        svg line.grid { stroke: #e2e8f0; stroke-width: 1; }
        svg line.axis { stroke: var(--ink); stroke-width: 1; }
        svg line.ci { stroke: var(--ink); stroke-width: 2; }
        svg circle.est { fill: var(--blue); stroke: var(--ink); stroke-width: 1; }
        svg rect.cell { stroke: #ffffff; stroke-width: 1; }
        svg rect.band-low { fill: #fff5f5; } svg rect.band-mid { fill: #fffbeb; } svg rect.band-high { fill: #f0fff4; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: right; vertical-align: top; }
        th:first-child, td:first-child, td.text, th.text { text-align: left; }
        th { background: #edf2f7; font-weight: 600; }
        table.sortable th { cursor: pointer; user-select: none; }
        table.sortable th::after { content: " ↕"; color: #a0aec0; }
        table.sortable th[data-dir=asc]::after { content: " ▲"; color: var(--ink); }
        table.sortable th[data-dir=desc]::after { content: " ▼"; color: var(--ink); }
        td.flag { color: #c05621; font-weight: 600; }
        ul.reading { margin: 4px 0 16px; padding-left: 20px; }
        ul.reading li { margin: 3px 0; }
        .legend-bands span { display: inline-block; padding: 0 6px; margin-right: 6px; border: 1px solid var(--line); }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
        @media print {
          body { font-size: 11pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          table.sortable th::after { content: ""; }
          .grid2 { display: block; }
        }
        """

    /// The page's script: sorting of `table.sortable` by a click on a heading.
    public static let script = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          table.querySelectorAll("th").forEach(function (th, column) {
            th.addEventListener("click", function () {
              var direction = th.dataset.dir === "asc" ? "desc" : "asc";
              table.querySelectorAll("th").forEach(function (other) { delete other.dataset.dir; });
              th.dataset.dir = direction;
              var body = table.tBodies[0];
              var key = function (row) { var cell = row.cells[column]; return cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent; };
              Array.prototype.slice.call(body.rows).sort(function (a, b) {
                var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
                var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "ko");
                return direction === "asc" ? order : -order;
              }).forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """
}
