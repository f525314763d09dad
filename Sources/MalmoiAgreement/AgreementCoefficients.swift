import MalmoiCore
/// Turns an ``AgreementTally`` into coefficient values, following the definitions of
/// `data/agreement/NOTES.md` (Gwet 2014 for the chance-corrected family on missing data,
/// Krippendorff 2011 for alpha, listwise units for the two-coder coefficients).
///
/// A coefficient that is 0/0 for the data has no value and a reason instead; nothing here returns
/// NaN or a made-up 1.0.
struct AgreementCoefficients {
    /// The coefficients' values and the reasons of those left undefined.
    struct Results {
        var values: [AgreementMetric: Double] = [:]
        var undefined: [AgreementMetric: String] = [:]

        mutating func set(_ metric: AgreementMetric, _ outcome: Outcome) {
            switch outcome {
            case .value(let value):
                if value.isFinite { values[metric] = value } else { undefined[metric] = "the value is not finite" }
            case .undefined(let reason):
                undefined[metric] = reason
            }
        }

        func value(_ metric: AgreementMetric) -> Double? { values[metric] }
    }

    /// A coefficient's value or why it has none.
    enum Outcome {
        case value(Double)
        case undefined(String)
    }

    /// The metrics to compute.
    let metrics: [AgreementMetric]
    /// Numeric value of each category (numbers only).
    let values: [Double]?
    /// Sorted element ids of each category (sets only).
    let setElements: [[Int32]]?

    init(metrics: [AgreementMetric], data: ReliabilityData) {
        self.metrics = metrics
        values = data.numericValues
        if case .sets(let sets) = data.categories {
            var ids: [String: Int32] = [:]
            setElements = sets.map { set in
                set.map { element -> Int32 in
                    if let id = ids[element] { return id }
                    let id = Int32(ids.count)
                    ids[element] = id
                    return id
                }.sorted()
            }
        } else {
            setElements = nil
        }
    }

    static let noPairableUnits = "no item has two or more annotations"
    static let oneCategory = "only one category occurs, so chance agreement is 1 (0/0)"

    func compute(_ tally: AgreementTally) -> Results {
        var results = Results()
        let wanted = Set(metrics)
        func want(_ metric: AgreementMetric) -> Bool { wanted.contains(metric) }

        // Gwet's family.
        if want(.percentAgreement) {
            results.set(.percentAgreement, tally.pairableUnits > 0
                ? .value(tally.agreementSum / tally.pairableUnits) : .undefined(Self.noPairableUnits))
        }
        let full = ChanceModel(share: tally.share, units: tally.units, coderCounts: tally.coderCounts, tally: tally,
                               values: values)
        let pairable = ChanceModel(share: tally.sharePairable, units: tally.pairableUnits,
                                   coderCounts: tally.coderCountsPairable, tally: tally, values: values)
        let family: [(AgreementMetric, ChanceModel, ChanceModel.Coefficient)] = [
            (.fleissKappa, full, .fleiss), (.congerKappa, full, .conger), (.randolphKappa, full, .randolph),
            (.gwetAC1, full, .ac1), (.gwetAC2Linear, full, .ac2Linear), (.gwetAC2Quadratic, full, .ac2Quadratic),
            (.fleissKappaPairable, pairable, .fleiss), (.congerKappaPairable, pairable, .conger),
            (.randolphKappaPairable, pairable, .randolph), (.gwetAC1Pairable, pairable, .ac1),
            (.gwetAC2LinearPairable, pairable, .ac2Linear), (.gwetAC2QuadraticPairable, pairable, .ac2Quadratic),
        ]
        for (metric, model, coefficient) in family where want(metric) {
            results.set(metric, model.coefficient(coefficient))
        }

        // Two coders, listwise.
        let twoCoder: [(AgreementMetric, PairedTable.Coefficient)] = [
            (.cohenKappa, .cohen), (.scottPi, .scott), (.bennettS, .bennett),
            (.cohenKappaLinear, .weighted(linear: true, ranks: false)),
            (.cohenKappaQuadratic, .weighted(linear: false, ranks: false)),
            (.cohenKappaLinearRank, .weighted(linear: true, ranks: true)),
            (.cohenKappaQuadraticRank, .weighted(linear: false, ranks: true)),
        ]
        if twoCoder.contains(where: { want($0.0) }) {
            if tally.r == 2, let table = tally.pairTable(0, 1) {
                let paired = PairedTable(cells: Array(table), q: tally.q, values: values)
                for (metric, coefficient) in twoCoder where want(metric) {
                    results.set(metric, paired.coefficient(coefficient))
                }
            } else {
                for (metric, _) in twoCoder where want(metric) {
                    results.set(metric, .undefined("needs exactly two annotators"))
                }
            }
        }
        if want(.lightKappa) { results.set(.lightKappa, lightKappa(tally)) }

        // Krippendorff's alpha.
        if want(.krippendorffAlphaNominal) { results.set(.krippendorffAlphaNominal, alpha(tally, .nominal)) }
        if values != nil {
            if want(.krippendorffAlphaOrdinal) { results.set(.krippendorffAlphaOrdinal, alpha(tally, .ordinal)) }
            if want(.krippendorffAlphaInterval) { results.set(.krippendorffAlphaInterval, alpha(tally, .interval)) }
            if want(.krippendorffAlphaRatio) {
                let negative = zip(values!, tally.share).contains { $0.0 < 0 && $0.1 > 0 }
                results.set(.krippendorffAlphaRatio, negative
                    ? .undefined("the ratio level needs non-negative values") : alpha(tally, .ratio))
            }
            if want(.krippendorffAlphaOrdinalIrrCAC) {
                results.set(.krippendorffAlphaOrdinalIrrCAC, alpha(tally, .ordinalRanks))
            }
        }
        if setElements != nil {
            if want(.krippendorffAlphaMASI) { results.set(.krippendorffAlphaMASI, alpha(tally, .masi)) }
            if want(.krippendorffAlphaJaccard) { results.set(.krippendorffAlphaJaccard, alpha(tally, .jaccard)) }
            if want(.krippendorffAlphaMASIDKPro) { results.set(.krippendorffAlphaMASIDKPro, alpha(tally, .masiDKPro)) }
        }
        return results
    }

    // MARK: - Light's kappa

    private func lightKappa(_ tally: AgreementTally) -> Outcome {
        guard tally.r >= 3 else { return .undefined("needs three or more annotators") }
        guard tally.incompleteUnits == 0 else { return .undefined("needs complete data (every annotator on every item)") }
        guard tally.hasPairTables else { return .undefined("too many annotators × categories for pair tables") }
        var sum = 0.0
        var pairs = 0
        for g in 0..<tally.r {
            for h in (g + 1)..<tally.r {
                let table = PairedTable(cells: Array(tally.pairTable(g, h)!), q: tally.q, values: values)
                guard case .value(let kappa) = table.coefficient(.cohen) else {
                    return .undefined("Cohen's kappa is undefined for an annotator pair")
                }
                sum += kappa
                pairs += 1
            }
        }
        return .value(sum / Double(pairs))
    }

    // MARK: - Alpha

    /// Krippendorff's difference functions.
    enum Distance {
        case nominal, ordinal, interval, ratio, ordinalRanks, masi, jaccard, masiDKPro
    }

    /// α = 1 − (n − 1) Σ o_ck δ_ck / Σ n_c n_k δ_ck over pairable values (Krippendorff 2011).
    func alpha(_ tally: AgreementTally, _ distance: Distance) -> Outcome {
        let counts = tally.pairableCounts
        let present = (0..<tally.q).filter { counts[$0] > 0 }
        let n = present.reduce(0.0) { $0 + counts[$1] }
        guard n > 0 else { return .undefined(Self.noPairableUnits) }
        guard present.count >= 2 else {
            return .undefined("every value in items with two or more annotations is the same (0/0)")
        }
        let delta: (Int, Int) -> Double
        var closedExpected: Double?
        switch distance {
        case .nominal:
            delta = { $0 == $1 ? 0 : 1 }
            closedExpected = n * n - present.reduce(0.0) { $0 + counts[$1] * counts[$1] }
        case .interval:
            let x = values!
            delta = { let d = x[$0] - x[$1]; return d * d }
            closedExpected = Self.spreadSum(present.map { (x[$0], counts[$0]) }, total: n)
        case .ordinal:
            // δ_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² = (m_k − m_c)² with midranks m_g.
            var midrank = [Double](repeating: 0, count: tally.q)
            var below = 0.0
            for c in present {
                midrank[c] = below + counts[c] / 2
                below += counts[c]
            }
            delta = { let d = midrank[$0] - midrank[$1]; return d * d }
            closedExpected = Self.spreadSum(present.map { (midrank[$0], counts[$0]) }, total: n)
        case .ratio:
            let x = values!
            delta = { c, k in
                let sum = x[c] + x[k]
                if sum == 0 { return 0 }
                let ratio = (x[c] - x[k]) / sum
                return ratio * ratio
            }
        case .ordinalRanks:
            // irrCAC: ranks over every observed category (also single-valued units), C(|i−j|+1, 2).
            var rank = [Double](repeating: 0, count: tally.q)
            var next = 0.0
            for c in 0..<tally.q where tally.share[c] > 0 {
                rank[c] = next
                next += 1
            }
            delta = { let d = Swift.abs(rank[$0] - rank[$1]); return d * (d + 1) / 2 }
        case .masi, .jaccard, .masiDKPro:
            let sets = setElements!
            delta = { Self.setDistance(sets[$0], sets[$1], distance) }
        }
        var observed = 0.0
        for (c, k, o) in tally.coincidenceEntries() where c != k { observed += o * delta(c, k) }
        var expected = 0.0
        if present.count <= 4096 || closedExpected == nil {
            for (offset, c) in present.enumerated() {
                var row = 0.0
                for k in present[(offset + 1)...] { row += counts[k] * delta(c, k) }
                expected += counts[c] * row
            }
            expected *= 2
        } else {
            expected = closedExpected!
        }
        guard expected > 0 else { return .undefined("the expected disagreement is 0 (0/0)") }
        return .value(1 - (n - 1) * observed / expected)
    }

    /// Σ_c Σ_k n_c n_k (x_c − x_k)² = 2n Σ_c n_c (x_c − mean)².
    static func spreadSum(_ weighted: [(Double, Double)], total n: Double) -> Double {
        let mean = weighted.reduce(0.0) { $0 + $1.0 * $1.1 } / n
        let spread = weighted.reduce(0.0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) }
        return 2 * n * spread
    }

    /// MASI (`1 − J·M`), Jaccard (`1 − J`) or DKPro's MASI (`(1 − J)·m`) between two sorted sets.
    static func setDistance(_ a: [Int32], _ b: [Int32], _ distance: Distance) -> Double {
        if a == b { return 0 }
        let common = sortedIntersectionCount(a, b)
        let union = a.count + b.count - common
        let jaccard = union == 0 ? 1 : Double(common) / Double(union)
        // One set holds the other, they overlap, or they are disjoint: DKPro's weight and MASI's monotonicity.
        let (weight, monotonicity): (Double, Double) =
            common == a.count || common == b.count ? (1.0 / 3, 2.0 / 3) : common > 0 ? (2.0 / 3, 1.0 / 3) : (1, 0)
        switch distance {
        case .jaccard:
            return 1 - jaccard
        case .masiDKPro:
            return (1 - jaccard) * weight
        default:
            return 1 - jaccard * monotonicity
        }
    }
}

/// Chance agreement of Gwet's family from category shares: Fleiss, Conger, Brennan–Prediger, AC1, AC2.
struct ChanceModel {
    enum Coefficient { case fleiss, conger, randolph, ac1, ac2Linear, ac2Quadratic }

    let share: [Double]
    let units: Double
    let coderCounts: [Double]
    let tally: AgreementTally
    let values: [Double]?

    func coefficient(_ coefficient: Coefficient) -> AgreementCoefficients.Outcome {
        guard tally.pairableUnits > 0 else { return .undefined(AgreementCoefficients.noPairableUnits) }
        let present = share.indices.filter { share[$0] > 0 }
        let q = present.count
        guard q >= 2 else { return .undefined(AgreementCoefficients.oneCategory) }
        let pi = present.map { share[$0] / units }
        var observed = tally.agreementSum / tally.pairableUnits
        let chance: Double
        switch coefficient {
        case .fleiss:
            chance = pi.reduce(0) { $0 + $1 * $1 }
        case .randolph:
            chance = 1 / Double(q)
        case .ac1:
            chance = pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1)
        case .ac2Linear, .ac2Quadratic:
            guard let values else { return .undefined("needs numeric labels") }
            let x = present.map { values[$0] }
            let range = x.last! - x.first!
            let linear = coefficient == .ac2Linear
            let difference = linear ? tally.absoluteDifferenceSum : tally.squaredDifferenceSum
            let scale = linear ? range : range * range
            observed = 1 - difference / tally.pairableUnits / scale
            // T_w = Σ_kl w_kl = q² − Σ_kl d(k,l)/scale.
            var distances = 0.0
            if linear {
                for (index, value) in x.enumerated() { distances += value * Double(2 * index - q + 1) }
                distances *= 2
            } else {
                let mean = x.reduce(0, +) / Double(q)
                distances = 2 * Double(q) * x.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
            }
            let totalWeight = Double(q * q) - distances / scale
            chance = totalWeight / Double(q * (q - 1)) * pi.reduce(0) { $0 + $1 * (1 - $1) }
        case .conger:
            let q = share.count
            var coderShares: [[Double]] = []
            for g in 0..<tally.r {
                let row = coderCounts[(g * q)..<((g + 1) * q)]
                let total = row.reduce(0, +)
                if total > 0 { coderShares.append(present.map { row[g * q + $0] / total }) }
            }
            let raters = Double(coderShares.count)
            guard raters >= 2 else { return .undefined("needs two or more annotators") }
            var sum = 0.0
            for k in present.indices {
                let mean = coderShares.reduce(0.0) { $0 + $1[k] } / raters
                let squares = coderShares.reduce(0.0) { $0 + $1[k] * $1[k] }
                let variance = (squares - raters * mean * mean) / (raters - 1)
                sum += mean * mean - variance / raters
            }
            chance = sum
        }
        guard chance < 1 else { return .undefined(AgreementCoefficients.oneCategory) }
        return .value((observed - chance) / (1 - chance))
    }
}

/// The table of units both of two coders annotated (rows: the first coder's values).
struct PairedTable {
    enum Coefficient {
        case cohen, scott, bennett
        case weighted(linear: Bool, ranks: Bool)
    }

    let cells: [Double]
    let q: Int
    let values: [Double]?

    func coefficient(_ coefficient: Coefficient) -> AgreementCoefficients.Outcome {
        var rows = [Double](repeating: 0, count: q)
        var columns = rows
        var n = 0.0
        var diagonal = 0.0
        for a in 0..<q {
            for b in 0..<q {
                let cell = cells[a * q + b]
                rows[a] += cell
                columns[b] += cell
                n += cell
                if a == b { diagonal += cell }
            }
        }
        guard n > 0 else { return .undefined("the two annotators share no item") }
        let present = (0..<q).filter { rows[$0] + columns[$0] > 0 }
        guard present.count >= 2 else { return .undefined(AgreementCoefficients.oneCategory) }
        let observed = diagonal / n
        switch coefficient {
        case .cohen:
            let chance = present.reduce(0.0) { $0 + rows[$1] * columns[$1] } / (n * n)
            guard chance < 1 else { return .undefined(AgreementCoefficients.oneCategory) }
            return .value((observed - chance) / (1 - chance))
        case .scott:
            let chance = present.reduce(0.0) { let p = (rows[$1] + columns[$1]) / (2 * n); return $0 + p * p }
            guard chance < 1 else { return .undefined(AgreementCoefficients.oneCategory) }
            return .value((observed - chance) / (1 - chance))
        case .bennett:
            let chance = 1 / Double(present.count)
            return .value((observed - chance) / (1 - chance))
        case .weighted(let linear, let ranks):
            guard let values else { return .undefined("needs numeric labels") }
            var position = [Double](repeating: 0, count: q)
            for (rank, code) in present.enumerated() { position[code] = ranks ? Double(rank) : values[code] }
            func distance(_ a: Int, _ b: Int) -> Double {
                let d = position[a] - position[b]
                return linear ? Swift.abs(d) : d * d
            }
            var observedDistance = 0.0
            var expectedDistance = 0.0
            for a in present {
                for b in present {
                    let d = distance(a, b)
                    observedDistance += cells[a * q + b] * d
                    expectedDistance += rows[a] * columns[b] * d
                }
            }
            observedDistance /= n
            expectedDistance /= n * n
            guard expectedDistance > 0 else { return .undefined("the expected disagreement is 0 (0/0)") }
            return .value(1 - observedDistance / expectedDistance)
        }
    }
}
