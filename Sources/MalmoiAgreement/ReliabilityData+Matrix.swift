extension ReliabilityData {
    /// Builds numeric reliability data from a coders × units matrix, the layout of Krippendorff's
    /// reliability data tables (and of the `krippendorff` Python package): `matrix[coder][unit]`,
    /// nil for a missing value.
    ///
    /// ```swift
    /// let data = ReliabilityData(coderRows: [[1, 2, 3, nil], [1, 2, 4, 4]])
    /// AgreementScorer.score(data).value(.krippendorffAlphaInterval)
    /// ```
    /// Units with no value at all are skipped; units are named by their column index (`"0"`, `"1"`, …)
    /// unless names are given, coders `"0"`, `"1"`, … unless names are given.
    /// - Precondition: every row has the same length; names, when given, match the matrix.
    /// - Complexity: O(coders × units + q log q).
    public init(coderRows matrix: [[Double?]], coderNames: [String]? = nil, unitNames: [String]? = nil) {
        let coders = matrix.count
        let units = matrix.first?.count ?? 0
        precondition(matrix.allSatisfy { $0.count == units }, "every coder row must have one cell per unit")
        precondition(coderNames == nil || coderNames!.count == coders, "one name per coder row")
        precondition(unitNames == nil || unitNames!.count == units, "one name per unit column")
        var index: [Double: Int32] = [:]
        var values: [Double] = []
        var starts: [Int] = [0]
        var entryCoders: [Int32] = []
        var entryCodes: [Int32] = []
        var names: [String] = []
        starts.reserveCapacity(units + 1)
        entryCoders.reserveCapacity(coders * units)
        entryCodes.reserveCapacity(coders * units)
        for unit in 0..<units {
            let before = entryCodes.count
            for coder in 0..<coders {
                guard var value = matrix[coder][unit] else { continue }
                if value == 0 { value = 0 }
                let code = internCode(value, &index, &values)
                entryCoders.append(Int32(coder))
                entryCodes.append(code)
            }
            if entryCodes.count > before {
                starts.append(entryCodes.count)
                names.append(unitNames?[unit] ?? String(unit))
            }
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var map = [Int32](repeating: 0, count: values.count)
        for (sorted, original) in order.enumerated() { map[original] = Int32(sorted) }
        for position in entryCodes.indices { entryCodes[position] = map[Int(entryCodes[position])] }
        self.init(
            unitNames: names, coderNames: coderNames ?? (0..<coders).map { String($0) },
            categories: .numeric(order.map { values[$0] }), unitStarts: starts, entryCoders: entryCoders,
            entryCodes: entryCodes, duplicateCount: 0, nullLabelCount: 0)
    }
}
