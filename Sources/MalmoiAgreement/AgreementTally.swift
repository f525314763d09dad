/// The sums over units that every coefficient is computed from, gathered in one pass.
///
/// Each unit enters with a weight: 1 for the point estimates, its multiplicity in a bootstrap
/// resample. Notation follows `data/agreement/NOTES.md`: a unit has `n` values; it is pairable when
/// `n ≥ 2`. Sums over ordered pairs of a unit's values `(i, j), i ≠ j` give the coincidences
/// `o_ck` (weighted by `1/(n − 1)`) and the within-unit agreement `Σ_k n_k(n_k − 1)/(n(n − 1))`.
struct AgreementTally {
    /// What to gather besides the sums every coefficient needs.
    struct Plan {
        /// Numeric value of each category (numbers only), for weighted agreement.
        var values: [Double]?
        /// Gather the coder × coder tables (two-coder kappas, Light's kappa, the annotator matrix).
        var pairTables: Bool
        /// Gather per-category and per-annotator sums.
        var breakdown: Bool
    }

    /// The number of categories.
    let q: Int
    /// The number of coders.
    let r: Int
    /// Whether the coincidence matrix is a dense `q × q` array (else a dictionary).
    let isDense: Bool
    let plan: Plan

    /// Σ w over units with at least one value (|U|).
    var units = 0.0
    /// Σ w over pairable units (|P|).
    var pairableUnits = 0.0
    /// Σ w over units that miss some coder.
    var incompleteUnits = 0.0
    /// Σ_{u∈P} w · (agreeing ordered pairs)/(n(n − 1)).
    var agreementSum = 0.0
    /// Σ_{u∈P} w · Σ_{i≠j} |x_i − x_j| / (n(n − 1)).
    var absoluteDifferenceSum = 0.0
    /// Σ_{u∈P} w · Σ_{i≠j} (x_i − x_j)² / (n(n − 1)).
    var squaredDifferenceSum = 0.0
    /// Σ_{u∈U} w · n_uk / n_u, by category.
    var share: [Double]
    /// Σ_{u∈P} w · n_uk / n_u, by category.
    var sharePairable: [Double]
    /// Σ_{u∈U} w · [coder g gave k], at `g * q + k`.
    var coderCounts: [Double]
    /// The same over pairable units.
    var coderCountsPairable: [Double]
    /// Σ_{u∈P} w · n_uk: the pairable values by category (Krippendorff's `n_c`).
    var pairableCounts: [Double]
    /// Coincidences `o_ck` at `c * q + k` when dense.
    var coincidence: [Double]
    /// Coincidences keyed by `c * q + k` when sparse.
    var sparseCoincidence: [Int: Double] = [:]
    /// Coder-pair tables: at `(slot(g, h) * q + a) * q + b` for g < h, units where g gave a and h gave b.
    var pairTables: [Double]
    /// Σ w over units coded by both g and h, at `g * r + h` (g < h).
    var pairUnits: [Double]
    /// Σ w over units where g and h gave the same value.
    var pairAgreements: [Double]
    /// Σ_{u∈P} w · n_uk(n_uk − 1): agreeing ordered pairs with value k.
    var specificAgreements: [Double]
    /// Σ_{u∈P} w · n_uk(n_u − 1): ordered pairs whose first value is k.
    var specificPairs: [Double]
    /// Σ w · (other coders of the unit that gave g's value), by coder g.
    var othersAgreeing: [Double]
    /// Σ w · (other coders of the unit), by coder g, over pairable units.
    var othersTotal: [Double]

    private var histogram: [Int]
    private var touched: [Int]

    /// The largest number of categories kept in a dense coincidence matrix.
    static let denseLimit = 2048

    init(categories q: Int, coders r: Int, plan: Plan) {
        self.q = q
        self.r = r
        self.plan = plan
        isDense = q <= Self.denseLimit
        share = Array(repeating: 0, count: q)
        sharePairable = share
        pairableCounts = share
        coderCounts = Array(repeating: 0, count: r * q)
        coderCountsPairable = coderCounts
        coincidence = isDense ? Array(repeating: 0, count: q * q) : []
        let pairCells = r * (r - 1) / 2 * q * q
        pairTables = plan.pairTables && pairCells <= 8_000_000 ? Array(repeating: 0, count: pairCells) : []
        pairUnits = plan.pairTables ? Array(repeating: 0, count: r * r) : []
        pairAgreements = pairUnits
        specificAgreements = plan.breakdown ? share : []
        specificPairs = specificAgreements
        othersAgreeing = plan.breakdown ? Array(repeating: 0, count: r) : []
        othersTotal = othersAgreeing
        histogram = Array(repeating: 0, count: q)
        touched = []
    }

    /// Whether the coder-pair tables were gathered (they are skipped when `r² q²` is too large).
    var hasPairTables: Bool { !pairTables.isEmpty }

    /// Adds one unit's values.
    /// - Parameters:
    ///   - coders: the coder of each value.
    ///   - codes: the category code of each value.
    ///   - n: the number of values (at least 1).
    ///   - weight: the unit's weight.
    mutating func add(coders: UnsafePointer<Int32>, codes: UnsafePointer<Int32>, count n: Int, weight w: Double) {
        let q = self.q
        units += w
        if n < r { incompleteUnits += w }
        let inverse = w / Double(n)
        let pairable = n >= 2
        if pairable { pairableUnits += w }
        for i in 0..<n {
            let code = Int(codes[i])
            let cell = Int(coders[i]) * q + code
            share[code] += inverse
            coderCounts[cell] += w
            if pairable {
                sharePairable[code] += inverse
                coderCountsPairable[cell] += w
                pairableCounts[code] += w
            }
        }
        if plan.pairTables { addPairs(coders: coders, codes: codes, count: n, weight: w) }
        guard pairable else { return }
        let perPair = w / Double(n - 1)
        let orderedPairs = Double(n * (n - 1))
        if n > 32 {
            addByHistogram(codes: codes, count: n, weight: w, perPair: perPair, orderedPairs: orderedPairs)
            if plan.breakdown { addOthers(coders: coders, codes: codes, count: n, weight: w) }
            return
        }
        var agreeing = 0
        var absolute = 0.0
        var squared = 0.0
        for i in 0..<n {
            let a = Int(codes[i])
            for j in 0..<n where j != i {
                let b = Int(codes[j])
                if a == b { agreeing += 1 }
                if isDense {
                    coincidence[a * q + b] += perPair
                } else {
                    sparseCoincidence[a * q + b, default: 0] += perPair
                }
            }
        }
        if let values = plan.values {
            for i in 0..<n {
                let x = values[Int(codes[i])]
                for j in (i + 1)..<n {
                    let d = x - values[Int(codes[j])]
                    absolute += Swift.abs(d)
                    squared += d * d
                }
            }
            absoluteDifferenceSum += w * 2 * absolute / orderedPairs
            squaredDifferenceSum += w * 2 * squared / orderedPairs
        }
        agreementSum += w * Double(agreeing) / orderedPairs
        if plan.breakdown {
            for i in 0..<n {
                let a = Int(codes[i])
                var same = 0
                for j in 0..<n where j != i && Int(codes[j]) == a { same += 1 }
                specificAgreements[a] += w * Double(same)
                specificPairs[a] += w * Double(n - 1)
                let coder = Int(coders[i])
                othersAgreeing[coder] += w * Double(same)
                othersTotal[coder] += w * Double(n - 1)
            }
        }
    }

    /// The large-unit path: count the unit's values per category first, then work on categories.
    private mutating func addByHistogram(
        codes: UnsafePointer<Int32>, count n: Int, weight w: Double, perPair: Double, orderedPairs: Double
    ) {
        touched.removeAll(keepingCapacity: true)
        for i in 0..<n {
            let code = Int(codes[i])
            if histogram[code] == 0 { touched.append(code) }
            histogram[code] += 1
        }
        var agreeing = 0.0
        var absolute = 0.0
        var squared = 0.0
        for a in touched {
            let na = Double(histogram[a])
            agreeing += na * (na - 1)
            if plan.breakdown {
                specificAgreements[a] += w * na * (na - 1)
                specificPairs[a] += w * na * Double(n - 1)
            }
            for b in touched {
                let nb = Double(histogram[b])
                let pairs = a == b ? na * (na - 1) : na * nb
                if pairs == 0 { continue }
                if isDense {
                    coincidence[a * q + b] += perPair * pairs
                } else {
                    sparseCoincidence[a * q + b, default: 0] += perPair * pairs
                }
                if let values = plan.values, a != b {
                    let d = values[a] - values[b]
                    absolute += pairs * Swift.abs(d)
                    squared += pairs * d * d
                }
            }
        }
        for a in touched { histogram[a] = 0 }
        agreementSum += w * agreeing / orderedPairs
        absoluteDifferenceSum += w * absolute / orderedPairs
        squaredDifferenceSum += w * squared / orderedPairs
    }

    private mutating func addOthers(coders: UnsafePointer<Int32>, codes: UnsafePointer<Int32>, count n: Int, weight w: Double) {
        for i in 0..<n {
            let code = Int(codes[i])
            histogram[code] += 1
        }
        for i in 0..<n {
            let coder = Int(coders[i])
            othersAgreeing[coder] += w * Double(histogram[Int(codes[i])] - 1)
            othersTotal[coder] += w * Double(n - 1)
        }
        for i in 0..<n { histogram[Int(codes[i])] = 0 }
    }

    private mutating func addPairs(coders: UnsafePointer<Int32>, codes: UnsafePointer<Int32>, count n: Int, weight w: Double) {
        let q = self.q
        let r = self.r
        let tables = !pairTables.isEmpty
        for i in 0..<n {
            for j in 0..<n where j != i {
                let g = Int(coders[i])
                let h = Int(coders[j])
                guard g < h else { continue }
                let a = Int(codes[i])
                let b = Int(codes[j])
                pairUnits[g * r + h] += w
                if a == b { pairAgreements[g * r + h] += w }
                if tables { pairTables[(slot(g, h) * q + a) * q + b] += w }
            }
        }
    }

    /// The index of coder pair g < h among the `r(r − 1)/2` pairs.
    func slot(_ g: Int, _ h: Int) -> Int { g * (2 * r - g - 1) / 2 + (h - g - 1) }

    /// The coincidences as (c, k, o_ck) for nonzero cells.
    func coincidenceEntries() -> [(Int, Int, Double)] {
        var entries: [(Int, Int, Double)] = []
        if isDense {
            for c in 0..<q where pairableCounts[c] > 0 {
                for k in 0..<q where coincidence[c * q + k] != 0 {
                    entries.append((c, k, coincidence[c * q + k]))
                }
            }
        } else {
            for (cell, value) in sparseCoincidence { entries.append((cell / q, cell % q, value)) }
        }
        return entries
    }

    /// The two-coder table of coders g < h, as a dense `q × q` array (rows: g's values).
    func pairTable(_ g: Int, _ h: Int) -> ArraySlice<Double>? {
        guard hasPairTables else { return nil }
        let start = slot(g, h) * q * q
        return pairTables[start..<(start + q * q)]
    }
}

extension AgreementTally {
    /// Gathers the tally of a data set in one pass.
    /// - Parameters:
    ///   - data: the reliability data.
    ///   - plan: what to gather.
    ///   - weights: a multiplicity per unit (units with 0 are skipped), or nil for 1 each.
    ///   - excluding: a coder whose values are left out (for "alpha without this annotator").
    static func gather(
        _ data: ReliabilityData, plan: Plan, weights: UnsafeBufferPointer<Int32>? = nil, excluding: Int? = nil
    ) -> AgreementTally {
        var tally = AgreementTally(categories: data.categoryCount, coders: data.coderCount, plan: plan)
        let starts = data.unitStarts
        data.entryCoders.withUnsafeBufferPointer { coders in
            data.entryCodes.withUnsafeBufferPointer { codes in
                guard let coderBase = coders.baseAddress, let codeBase = codes.baseAddress else { return }
                var scratchCoders: [Int32] = []
                var scratchCodes: [Int32] = []
                for unit in 0..<data.unitCount {
                    var weight = 1.0
                    if let weights {
                        let multiplicity = weights[unit]
                        if multiplicity == 0 { continue }
                        weight = Double(multiplicity)
                    }
                    let start = starts[unit]
                    let count = starts[unit + 1] - start
                    if let excluding {
                        scratchCoders.removeAll(keepingCapacity: true)
                        scratchCodes.removeAll(keepingCapacity: true)
                        for index in start..<(start + count) where Int(coders[index]) != excluding {
                            scratchCoders.append(coders[index])
                            scratchCodes.append(codes[index])
                        }
                        if scratchCodes.isEmpty { continue }
                        scratchCoders.withUnsafeBufferPointer { sc in
                            scratchCodes.withUnsafeBufferPointer { sk in
                                tally.add(coders: sc.baseAddress!, codes: sk.baseAddress!, count: sk.count, weight: weight)
                            }
                        }
                    } else {
                        tally.add(coders: coderBase + start, codes: codeBase + start, count: count, weight: weight)
                    }
                }
            }
        }
        return tally
    }
}
