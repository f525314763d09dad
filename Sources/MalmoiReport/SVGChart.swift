/// Inline SVG charts with a title, axis labels and units, drawn for screen and paper.
///
/// ```swift
/// let svg = SVGChart.columns(title: "Submissions per day", xLabel: "day (UTC)", yLabel: "submissions",
///                            columns: [.init(label: "2026-12-01", values: [12])], series: [.init(name: "submissions", color: SVGChart.blue)])
/// ```
/// Every chart is a `<figure>` holding one `<svg>` with `role="img"` and a `<title>`, so it reads in
/// a screen reader and prints as vector graphics. Colours come from a palette that stays distinct in
/// grey print; numbers are written on or beside the marks so a printed chart needs no legend lookup.
public enum SVGChart {
    /// One column (or bar) with one value per series, stacked.
    public struct Column: Sendable {
        /// The category label under the column.
        public var label: String
        /// One value per series, bottom to top.
        public var values: [Double]

        /// Makes a column.
        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    /// A named series with its fill colour.
    public struct Series: Sendable {
        /// Shown in the legend.
        public var name: String
        /// A CSS colour.
        public var color: String

        /// Makes a series.
        public init(name: String, color: String) {
            self.name = name
            self.color = color
        }
    }

    /// One row of a forest plot: an estimate and its interval.
    public struct Estimate: Sendable {
        /// The row's label (a coefficient's name).
        public var label: String
        /// The point estimate.
        public var value: Double
        /// The interval's lower end, when there is one.
        public var lower: Double?
        /// The interval's upper end, when there is one.
        public var upper: Double?

        /// Makes a row.
        public init(label: String, value: Double, lower: Double?, upper: Double?) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    /// Blue (complete, accepted).
    public static let blue = "#2b6cb0"
    /// Light grey-blue (short, pending).
    public static let pale = "#b8c7d9"
    /// Orange-red (rejected).
    public static let red = "#c05621"
    /// Green.
    public static let green = "#2f855a"

    // MARK: Columns

    /// Vertical stacked columns with a value axis starting at zero.
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - xLabel: The category axis label (with its unit).
    ///   - yLabel: The value axis label (with its unit).
    ///   - columns: The columns, left to right.
    ///   - series: One entry per value in each column; a legend is drawn when there are several.
    ///   - width: The drawing's width in CSS pixels (it scales down with the page).
    public static func columns(title: String, xLabel: String, yLabel: String, columns: [Column], series: [Series],
                               width: Double = 640) -> String {
        let height = 300.0
        let left = 56.0, right = 16.0, top = series.count > 1 ? 34.0 : 14.0
        let labelRoom = columns.map(\.label).map(\.count).max().map { $0 > 3 && columns.count > 8 ? 70.0 : 34.0 } ?? 34.0
        let bottom = labelRoom + 22
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maximum = columns.map { $0.values.reduce(0, +) }.max() ?? 0
        let ticks = niceTicks(maximum)
        let topValue = ticks.last ?? 1
        var svg = open(title: title, width: width, height: height)
        svg += legend(series, x: left, y: 16)
        svg += valueGrid(ticks: ticks, maximum: topValue, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        let slot = columns.isEmpty ? plotWidth : plotWidth / Double(columns.count)
        let barWidth = max(2, min(48, slot * 0.7))
        let rotate = labelRoom > 34
        let every = max(1, Int((Double(columns.count) * 7 / plotWidth * (rotate ? 2 : 4)).rounded(.up)))
        for (index, column) in columns.enumerated() {
            let x = left + slot * (Double(index) + 0.5)
            var base = top + plotHeight
            for (seriesIndex, value) in column.values.enumerated() where value > 0 {
                let h = value / topValue * plotHeight
                base -= h
                let color = series.indices.contains(seriesIndex) ? series[seriesIndex].color : blue
                let name = series.indices.contains(seriesIndex) ? series[seriesIndex].name + ": " : ""
                svg += "<rect x=\"\(c(x - barWidth / 2))\" y=\"\(c(base))\" width=\"\(c(barWidth))\" height=\"\(c(h))\" fill=\"\(color)\">"
                svg += "<title>\(HTMLText.escape(column.label + " — " + name + number(value)))</title></rect>"
            }
            let total = column.values.reduce(0, +)
            if total > 0 && columns.count <= 31 {
                svg += "<text class=\"v\" x=\"\(c(x))\" y=\"\(c(base - 3))\" text-anchor=\"middle\">\(number(total))</text>"
            }
            if index % every == 0 {
                let y = top + plotHeight + 14
                if rotate {
                    svg += "<text class=\"t\" transform=\"translate(\(c(x + 3)),\(c(y - 6))) rotate(45)\">\(HTMLText.escape(column.label))</text>"
                } else {
                    svg += "<text class=\"t\" x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"middle\">\(HTMLText.escape(column.label))</text>"
                }
            }
        }
        svg += axisLabels(x: xLabel, y: yLabel, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight, height: height)
        return svg + close(title: title)
    }

    // MARK: Bars

    /// Horizontal stacked bars, one per row, with the total at the end of each bar.
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - valueLabel: The value axis label (with its unit).
    ///   - rows: The bars, top to bottom.
    ///   - series: One entry per value in each row.
    ///   - width: The drawing's width in CSS pixels.
    public static func bars(title: String, valueLabel: String, rows: [Column], series: [Series], width: Double = 640) -> String {
        let rowHeight = 24.0
        let labelWidth = min(220, max(60, Double(rows.map { displayColumns($0.label) }.max() ?? 4) * 7.5 + 12))
        let left = labelWidth, right = 48.0, top = series.count > 1 ? 34.0 : 12.0, bottom = 46.0
        let plotWidth = width - left - right
        let plotHeight = max(rowHeight, Double(rows.count) * rowHeight)
        let height = top + plotHeight + bottom
        let maximum = rows.map { $0.values.reduce(0, +) }.max() ?? 0
        let ticks = niceTicks(maximum)
        let topValue = ticks.last ?? 1
        var svg = open(title: title, width: width, height: height)
        svg += legend(series, x: left, y: 16)
        for tick in ticks {
            let x = left + tick / topValue * plotWidth
            svg += "<line class=\"grid\" x1=\"\(c(x))\" y1=\"\(c(top))\" x2=\"\(c(x))\" y2=\"\(c(top + plotHeight))\"/>"
            svg += "<text class=\"t\" x=\"\(c(x))\" y=\"\(c(top + plotHeight + 14))\" text-anchor=\"middle\">\(number(tick))</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            var x = left
            for (seriesIndex, value) in row.values.enumerated() where value > 0 {
                let w = value / topValue * plotWidth
                let color = series.indices.contains(seriesIndex) ? series[seriesIndex].color : blue
                let name = series.indices.contains(seriesIndex) ? series[seriesIndex].name + ": " : ""
                svg += "<rect x=\"\(c(x))\" y=\"\(c(y + 4))\" width=\"\(c(w))\" height=\"\(c(rowHeight - 8))\" fill=\"\(color)\">"
                svg += "<title>\(HTMLText.escape(row.label + " — " + name + number(value)))</title></rect>"
                x += w
            }
            svg += "<text class=\"l\" x=\"\(c(left - 6))\" y=\"\(c(y + rowHeight / 2 + 4))\" text-anchor=\"end\">\(HTMLText.escape(row.label))</text>"
            svg += "<text class=\"v\" x=\"\(c(x + 4))\" y=\"\(c(y + rowHeight / 2 + 4))\">\(number(row.values.reduce(0, +)))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(top + plotHeight))\"/>"
        svg += "<text class=\"a\" x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">\(HTMLText.escape(valueLabel))</text>"
        return svg + close(title: title)
    }

    // MARK: Forest plot

    /// A forest plot: one row per estimate, a dot for the value and a line for its interval, on a fixed
    /// scale with the usual reading bands shaded (below 0.667 tentative, 0.667–0.8, 0.8 and above).
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - valueLabel: The value axis label.
    ///   - rows: The estimates, top to bottom.
    ///   - lowerBound: The left end of the scale (−1 when some values are negative, else 0).
    ///   - width: The drawing's width in CSS pixels.
    public static func forest(title: String, valueLabel: String, rows: [Estimate], width: Double = 640) -> String {
        let rowHeight = 22.0
        let lowerBound = rows.contains { min($0.value, $0.lower ?? 0) < 0 } ? -1.0 : 0.0
        let labelWidth = min(240, max(80, Double(rows.map { displayColumns($0.label) }.max() ?? 4) * 7 + 12))
        let left = labelWidth, right = 110.0, top = 14.0, bottom = 46.0
        let plotWidth = width - left - right
        let plotHeight = max(rowHeight, Double(rows.count) * rowHeight)
        let height = top + plotHeight + bottom
        func x(_ v: Double) -> Double { left + (max(lowerBound, min(1, v)) - lowerBound) / (1 - lowerBound) * plotWidth }
        var svg = open(title: title, width: width, height: height)
        svg += "<rect class=\"band-low\" x=\"\(c(x(lowerBound)))\" y=\"\(c(top))\" width=\"\(c(x(0.667) - x(lowerBound)))\" height=\"\(c(plotHeight))\"/>"
        svg += "<rect class=\"band-mid\" x=\"\(c(x(0.667)))\" y=\"\(c(top))\" width=\"\(c(x(0.8) - x(0.667)))\" height=\"\(c(plotHeight))\"/>"
        svg += "<rect class=\"band-high\" x=\"\(c(x(0.8)))\" y=\"\(c(top))\" width=\"\(c(x(1) - x(0.8)))\" height=\"\(c(plotHeight))\"/>"
        let ticks = lowerBound < 0 ? [-1, -0.5, 0, 0.5, 0.667, 0.8, 1] : [0, 0.2, 0.4, 0.667, 0.8, 1]
        for tick in ticks {
            svg += "<line class=\"grid\" x1=\"\(c(x(tick)))\" y1=\"\(c(top))\" x2=\"\(c(x(tick)))\" y2=\"\(c(top + plotHeight))\"/>"
            svg += "<text class=\"t\" x=\"\(c(x(tick)))\" y=\"\(c(top + plotHeight + 14))\" text-anchor=\"middle\">\(HTMLText.fixed(tick, tick == 0.667 ? 3 : 1))</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = top + (Double(index) + 0.5) * rowHeight
            svg += "<text class=\"l\" x=\"\(c(left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(HTMLText.escape(row.label))</text>"
            var label = HTMLText.fixed(row.value, 3)
            if let lower = row.lower, let upper = row.upper {
                svg += "<line class=\"ci\" x1=\"\(c(x(lower)))\" y1=\"\(c(y))\" x2=\"\(c(x(upper)))\" y2=\"\(c(y))\"/>"
                svg += "<line class=\"ci\" x1=\"\(c(x(lower)))\" y1=\"\(c(y - 5))\" x2=\"\(c(x(lower)))\" y2=\"\(c(y + 5))\"/>"
                svg += "<line class=\"ci\" x1=\"\(c(x(upper)))\" y1=\"\(c(y - 5))\" x2=\"\(c(x(upper)))\" y2=\"\(c(y + 5))\"/>"
                label += " [" + HTMLText.fixed(lower, 2) + ", " + HTMLText.fixed(upper, 2) + "]"
            }
            svg += "<circle class=\"est\" cx=\"\(c(x(row.value)))\" cy=\"\(c(y))\" r=\"4.5\"><title>\(HTMLText.escape(row.label + " " + label))</title></circle>"
            svg += "<text class=\"v\" x=\"\(c(left + plotWidth + 8))\" y=\"\(c(y + 4))\">\(label)</text>"
        }
        svg += "<text class=\"a\" x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">\(HTMLText.escape(valueLabel))</text>"
        return svg + close(title: title)
    }

    // MARK: Heatmap

    /// A heatmap of a square or rectangular matrix with its numbers in the cells; darker is larger.
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - rowLabel: What the rows are.
    ///   - columnLabel: What the columns are.
    ///   - rows: Row labels.
    ///   - columns: Column labels.
    ///   - cells: `cells[row][column]`, nil for an empty cell.
    ///   - digits: Decimals written in the cells.
    public static func heatmap(title: String, rowLabel: String, columnLabel: String, rows: [String], columns: [String],
                               cells: [[Double?]], digits: Int = 1) -> String {
        let cell = 44.0
        let labelWidth = min(200, max(50, Double((rows.map(displayColumns).max() ?? 3)) * 7.5 + 14))
        let left = labelWidth + 18, top = 56.0
        let width = max(Double(displayColumns(columnLabel)) * 7 + left + 30, left + cell * Double(columns.count) + 20)
        let height = max(top + cell * Double(rows.count) + 20, top + Double(displayColumns(rowLabel)) * 7 + 10)
        let maximum = cells.flatMap { $0.compactMap { $0 } }.max() ?? 0
        var svg = open(title: title, width: width, height: height)
        svg += "<text class=\"a\" x=\"\(c(left))\" y=\"14\">\(HTMLText.escape(columnLabel)) →</text>"
        svg += "<text class=\"a\" transform=\"translate(12,\(c(top + cell * Double(rows.count)))) rotate(-90)\">\(HTMLText.escape(rowLabel)) →</text>"
        for (j, label) in columns.enumerated() {
            svg += "<text class=\"l\" x=\"\(c(left + cell * (Double(j) + 0.5)))\" y=\"\(c(top - 8))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
        }
        for (i, label) in rows.enumerated() {
            let y = top + cell * Double(i)
            svg += "<text class=\"l\" x=\"\(c(left - 6))\" y=\"\(c(y + cell / 2 + 4))\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
            for j in columns.indices {
                let value = cells.indices.contains(i) && cells[i].indices.contains(j) ? cells[i][j] : nil
                let share = maximum > 0 ? (value ?? 0) / maximum : 0
                let fill = value == nil ? "#ffffff" : shade(share)
                let x = left + cell * Double(j)
                svg += "<rect class=\"cell\" x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(cell))\" height=\"\(c(cell))\" fill=\"\(fill)\">"
                svg += "<title>\(HTMLText.escape(label + " × " + columns[j] + ": " + HTMLText.fixed(value, digits)))</title></rect>"
                if let value {
                    svg += "<text class=\"\(share > 0.55 ? "in" : "v")\" x=\"\(c(x + cell / 2))\" y=\"\(c(y + cell / 2 + 4))\" text-anchor=\"middle\">\(HTMLText.fixed(value, digits))</text>"
                }
            }
        }
        return svg + close(title: title)
    }

    // MARK: Pieces

    /// Round tick values from zero to at least `maximum` (about five steps of 1, 2 or 5 × 10ⁿ).
    static func niceTicks(_ maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let rough = maximum / 5
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        let resolved = max(step, maximum < 5 ? 1 : step)
        var ticks: [Double] = [0]
        while ticks.last! < maximum { ticks.append(ticks.last! + resolved) }
        return ticks
    }

    /// The number of terminal-like columns a label takes (wide characters count two), for label room.
    static func displayColumns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.value <= 0x115F || (0x2E80...0xD7A3).contains($1.value) || (0xF900...0xFAFF).contains($1.value) || (0xFF00...0xFF60).contains($1.value)) ? 2 : 1) }
    }

    private static func shade(_ share: Double) -> String {
        // From near white to the palette's blue.
        let from = (247.0, 250.0, 252.0), to = (43.0, 108.0, 176.0)
        func channel(_ a: Double, _ b: Double) -> String {
            let value = Int((a + (b - a) * max(0, min(1, share))).rounded())
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(from.0, to.0) + channel(from.1, to.1) + channel(from.2, to.2)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : HTMLText.fixed(value, 2)
    }

    private static func c(_ value: Double) -> String { HTMLText.coordinate(value) }

    private static func open(title: String, width: Double, height: Double) -> String {
        "<figure class=\"chart\"><figcaption>\(HTMLText.escape(title))</figcaption>"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" style=\"max-width:100%;height:auto\">"
            + "<title>\(HTMLText.escape(title))</title>"
    }

    private static func close(title: String) -> String { "</svg></figure>\n" }

    private static func legend(_ series: [Series], x: Double, y: Double) -> String {
        guard series.count > 1 else { return "" }
        var svg = ""
        var at = x
        for entry in series {
            svg += "<rect x=\"\(c(at))\" y=\"\(c(y - 9))\" width=\"12\" height=\"12\" fill=\"\(entry.color)\"/>"
            svg += "<text class=\"l\" x=\"\(c(at + 16))\" y=\"\(c(y + 1))\">\(HTMLText.escape(entry.name))</text>"
            at += 28 + Double(displayColumns(entry.name)) * 7
        }
        return svg
    }

    private static func valueGrid(ticks: [Double], maximum: Double, left: Double, top: Double, plotWidth: Double, plotHeight: Double) -> String {
        var svg = ""
        for tick in ticks {
            let y = top + plotHeight - tick / maximum * plotHeight
            svg += "<line class=\"grid\" x1=\"\(c(left))\" y1=\"\(c(y))\" x2=\"\(c(left + plotWidth))\" y2=\"\(c(y))\"/>"
            svg += "<text class=\"t\" x=\"\(c(left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(number(tick))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(c(left))\" y1=\"\(c(top + plotHeight))\" x2=\"\(c(left + plotWidth))\" y2=\"\(c(top + plotHeight))\"/>"
        return svg
    }

    private static func axisLabels(x: String, y: String, left: Double, top: Double, plotWidth: Double, plotHeight: Double, height: Double) -> String {
        "<text class=\"a\" x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 6))\" text-anchor=\"middle\">\(HTMLText.escape(x))</text>"
            + "<text class=\"a\" transform=\"translate(14,\(c(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(y))</text>"
    }
}
