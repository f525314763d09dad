import MalmoiCore

/// Computes inter-annotator agreement: the entry point for `malmoi agree` and the workflow.
///
/// ```swift
/// // In memory, from the long-format records a task module produces:
/// let summary = try AgreementScorer.report(for: records, options: AgreementOptions(level: .nominal))
/// // Or one task's reliability data:
/// let report = AgreementScorer.score(data, options: AgreementOptions(bootstrapResamples: 1000, seed: 7))
/// ```
/// The definitions are those of `data/agreement/NOTES.md`; every value is computed in `Double`
/// from exact counts and matches the reference implementations to 1e-9.
public enum AgreementScorer {
    /// Scores long-format records, each task separately (tasks sorted by name).
    /// - Parameters:
    ///   - records: the annotations; a record's `task` groups it (nil for inputs without tasks).
    ///   - options: level, metrics, bootstrap and breakdowns.
    ///   - normalization: applied to names and string labels (NFC where the records were read).
    /// - Returns: one report per task.
    /// - Throws: ``AgreementError`` for an empty input, labels of the wrong type for the level or of
    ///   mixed types within a task, or an annotator giving an item two different labels.
    public static func report(for records: [AgreementRecord], options: AgreementOptions = AgreementOptions(),
                              normalization: @escaping @Sendable (String) -> String = { $0 }) throws -> AgreementSummary
    {
        guard !records.isEmpty else { throw AgreementError(.emptyInput, "nothing to score: there are no annotations") }
        var builders: [String?: ReliabilityDataBuilder] = [:]
        for record in records {
            try builders[record.task, default: ReliabilityDataBuilder(level: options.level, normalization: normalization)]
                .add(item: record.item, annotator: record.annotator, label: record.label)
        }
        let tasks = builders.keys.sorted { ($0 ?? "") < ($1 ?? "") }
        var reports: [AgreementReport] = []
        for task in tasks {
            let data: ReliabilityData
            do {
                data = try builders[task]!.build()
            } catch var error as AgreementError {
                if let task { error.message = "task \"\(task)\": " + error.message }
                throw error
            }
            reports.append(score(data, options: options, task: task))
        }
        return AgreementSummary(reports: reports)
    }

    /// Scores one task's reliability data.
    /// - Parameters:
    ///   - data: units × coders × values.
    ///   - options: level, metrics, bootstrap and breakdowns.
    ///   - task: the task's name, copied into the report.
    /// - Returns: the report; coefficients that are 0/0 for the data are listed in
    ///   ``AgreementReport/undefined`` with a reason.
    /// - Complexity: O(Σ n_u²) over units plus O(q²) per alpha level, times `bootstrapResamples`
    ///   for intervals (spread over the available processors).
    public static func score(_ data: ReliabilityData, options: AgreementOptions = AgreementOptions(), task: String? = nil)
        -> AgreementReport
    {
        var report = AgreementReport(task: task, kind: data.kind, level: options.level)
        report.items = data.unitCount
        report.annotators = data.coderCount
        report.annotations = data.annotationCount
        report.duplicates = data.duplicateCount
        report.singleAnnotationItems = data.singleValuedUnitCount
        report.nullLabels = data.nullLabelCount
        var metrics = AgreementMetric.metrics(for: data.kind, level: options.level, annotators: data.coderCount)
        if data.coderCount < 3 { metrics.removeAll { $0 == .lightKappa } }
        if !options.includesVariants { metrics.removeAll { $0.isVariant } }
        if let chosen = options.metrics { metrics.removeAll { !chosen.contains($0) } }
        report.metrics = metrics

        if data.kind == .spans {
            SpanAgreement.score(data, into: &report)
            if !options.includesBreakdowns { report.annotatorAgreement = nil }
            return report
        }

        let coefficients = AgreementCoefficients(metrics: metrics, data: data)
        let needsPairs = metrics.contains { [.cohenKappa, .scottPi, .bennettS, .lightKappa].contains($0) || $0.rawValue.hasPrefix("cohen_") }
        let plan = AgreementTally.Plan(values: data.numericValues, pairTables: needsPairs || options.includesBreakdowns,
                                       breakdown: options.includesBreakdowns)
        let tally = AgreementTally.gather(data, plan: plan)
        let results = coefficients.compute(tally)
        report.values = results.values
        report.undefined = results.undefined

        if options.includesBreakdowns { addBreakdowns(data, tally: tally, options: options, into: &report) }
        if options.bootstrapResamples > 0, !metrics.isEmpty {
            let bootstrapPlan = AgreementTally.Plan(values: data.numericValues, pairTables: needsPairs, breakdown: false)
            report.intervals = AgreementBootstrap.intervals(
                data, coefficients: coefficients, plan: bootstrapPlan, resamples: options.bootstrapResamples,
                confidence: options.confidence, seed: options.seed, threads: options.threads)
            report.bootstrap = (options.bootstrapResamples, options.confidence, options.seed)
        }
        return report
    }

    /// The alpha that summarizes a report's level: interval for numbers, MASI for sets, else nominal.
    static func primaryAlpha(kind: ReliabilityData.ValueKind, level: AgreementLevel?) -> AgreementMetric {
        switch (kind, level) {
        case (.numeric, .ordinal?): .krippendorffAlphaOrdinal
        case (.numeric, .ratio?): .krippendorffAlphaRatio
        case (.numeric, .interval?), (.numeric, nil): .krippendorffAlphaInterval
        case (.set, .set?), (.set, nil): .krippendorffAlphaMASI
        default: .krippendorffAlphaNominal
        }
    }

    private static func addBreakdowns(
        _ data: ReliabilityData, tally: AgreementTally, options: AgreementOptions, into report: inout AgreementReport
    ) {
        let q = tally.q
        let r = tally.r
        let names = (0..<q).map { data.categoryName($0) }

        // Per category.
        let n = tally.pairableCounts.reduce(0, +)
        for c in 0..<q {
            var count = 0.0
            for g in 0..<r { count += tally.coderCounts[g * q + c] }
            let nc = tally.pairableCounts[c]
            var alpha: Double?
            if nc > 0, nc < n {
                let diagonal = tally.isDense ? tally.coincidence[c * q + c] : tally.sparseCoincidence[c * q + c] ?? 0
                alpha = 1 - (n - 1) * (nc - diagonal) / (nc * (n - nc))
            }
            let pairs = tally.specificPairs[c]
            report.perCategory.append(CategoryAgreement(
                name: names[c], count: Int(count), pairableCount: Int(nc), alpha: alpha,
                positiveAgreement: pairs > 0 ? tally.specificAgreements[c] / pairs : nil))
        }

        // Annotator pairs.
        var agreement = [[Double?]](repeating: [Double?](repeating: nil, count: r), count: r)
        var kappa = agreement
        var shared = agreement
        let values = data.numericValues
        for g in 0..<r {
            for h in (g + 1)..<max(g + 1, r) {
                let units = tally.pairUnits[g * r + h]
                shared[g][h] = units
                shared[h][g] = units
                if units > 0 {
                    let share = tally.pairAgreements[g * r + h] / units
                    agreement[g][h] = share
                    agreement[h][g] = share
                }
                if let table = tally.pairTable(g, h),
                   case .value(let value) = PairedTable(cells: Array(table), q: q, values: values).coefficient(.cohen)
                {
                    kappa[g][h] = value
                    kappa[h][g] = value
                }
            }
            shared[g][g] = tally.coderCounts[(g * q)..<((g + 1) * q)].reduce(0, +)
            agreement[g][g] = 1
        }
        let coders = data.coderNames
        if r <= 500 {
            report.annotatorAgreement = AgreementMatrix(rows: coders, columns: coders, cells: agreement)
            report.annotatorSharedItems = AgreementMatrix(rows: coders, columns: coders, cells: shared)
            if tally.hasPairTables { report.annotatorKappa = AgreementMatrix(rows: coders, columns: coders, cells: kappa) }
        }

        // Per annotator.
        let primary = primaryAlpha(kind: data.kind, level: options.level)
        let computesWithout = r >= 3 && r <= 50
        if computesWithout { report.primaryAlpha = primary }
        let single = AgreementCoefficients(metrics: [primary], data: data)
        let plan = AgreementTally.Plan(values: values, pairTables: false, breakdown: false)
        for g in 0..<r {
            let kappas = (0..<r).compactMap { $0 == g ? nil : kappa[g][$0] }
            var without: Double?
            if computesWithout {
                without = single.compute(AgreementTally.gather(data, plan: plan, excluding: g)).value(primary)
            }
            let total = tally.othersTotal[g]
            report.perAnnotator.append(AnnotatorAgreement(
                name: coders[g], items: Int(shared[g][g] ?? 0),
                agreement: total > 0 ? tally.othersAgreeing[g] / total : nil,
                meanCohenKappa: kappas.isEmpty ? nil : kappas.reduce(0, +) / Double(kappas.count),
                alphaWithout: without))
        }

        // Coincidence and confusion matrices.
        if q <= 200 {
            var cells = [[Double?]](repeating: [Double?](repeating: 0, count: q), count: q)
            for (c, k, o) in tally.coincidenceEntries() { cells[c][k] = o }
            report.coincidence = AgreementMatrix(rows: names, columns: names, cells: cells)
            if r == 2, let table = tally.pairTable(0, 1) {
                let flat = Array(table)
                report.confusion = AgreementMatrix(
                    rows: names, columns: names, cells: (0..<q).map { a in (0..<q).map { flat[a * q + $0] } })
                report.confusionAnnotators = coders
            }
        }
    }
}
