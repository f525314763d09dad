/// Training texts as a sparse matrix of TF-IDF weights, in rows (CSR) and columns (CSC).
///
/// Columns are the hash buckets seen in training, numbered in order of first appearance. A row's
/// weights are `(1 + ln tf) · idf`, scaled to unit length; `idf = ln((1 + n) / (1 + df)) + 1`.
struct FeatureMatrix {
    /// The bucket of each column.
    var buckets: [UInt32]
    /// The inverse document frequency of each column.
    var idf: [Float]
    var rowStart: [Int]
    var rowColumns: [Int32]
    var rowValues: [Float]
    var columnStart: [Int]
    var columnRows: [Int32]
    var columnValues: [Float]

    var rowCount: Int { rowStart.count - 1 }
    var columnCount: Int { buckets.count }

    /// Builds the matrix from each text's sorted buckets.
    init(sortedBuckets docs: [[UInt32]], bucketCount: Int) {
        var columnOfBucket = [Int32](repeating: -1, count: bucketCount)
        var buckets: [UInt32] = []
        var df: [Int32] = []
        var rowStart = [0]
        rowStart.reserveCapacity(docs.count + 1)
        var rowColumns: [Int32] = []
        var tf: [Float] = []
        for doc in docs {
            var index = 0
            while index < doc.count {
                let bucket = doc[index]
                var end = index + 1
                while end < doc.count, doc[end] == bucket { end += 1 }
                var column = columnOfBucket[Int(bucket)]
                if column < 0 {
                    column = Int32(buckets.count)
                    columnOfBucket[Int(bucket)] = column
                    buckets.append(bucket)
                    df.append(0)
                }
                df[Int(column)] += 1
                rowColumns.append(column)
                tf.append(Float(end - index))
                index = end
            }
            rowStart.append(rowColumns.count)
        }
        let n = Double(docs.count)
        let idf = df.map { Float(Foundationless.log((1 + n) / (1 + Double($0))) + 1) }
        var rowValues = [Float](repeating: 0, count: rowColumns.count)
        for row in 0..<docs.count {
            var norm: Double = 0
            for k in rowStart[row]..<rowStart[row + 1] {
                let value = Double(1 + Foundationless.logf(tf[k])) * Double(idf[Int(rowColumns[k])])
                rowValues[k] = Float(value)
                norm += value * value
            }
            if norm > 0 {
                let scale = Float(1 / norm.squareRoot())
                for k in rowStart[row]..<rowStart[row + 1] { rowValues[k] *= scale }
            }
        }
        // Columns by counting sort, rows ascending within each column.
        var columnStart = [Int](repeating: 0, count: buckets.count + 1)
        for column in rowColumns { columnStart[Int(column) + 1] += 1 }
        for c in 0..<buckets.count { columnStart[c + 1] += columnStart[c] }
        var fill = columnStart
        var columnRows = [Int32](repeating: 0, count: rowColumns.count)
        var columnValues = [Float](repeating: 0, count: rowColumns.count)
        for row in 0..<docs.count {
            for k in rowStart[row]..<rowStart[row + 1] {
                let c = Int(rowColumns[k])
                columnRows[fill[c]] = Int32(row)
                columnValues[fill[c]] = rowValues[k]
                fill[c] += 1
            }
        }
        self.buckets = buckets
        self.idf = idf
        self.rowStart = rowStart
        self.rowColumns = rowColumns
        self.rowValues = rowValues
        self.columnStart = columnStart
        self.columnRows = columnRows
        self.columnValues = columnValues
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math functions, named so that call sites read without Foundation.
enum Foundationless {
    @inline(__always) static func log(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log(x)
        #else
        return Darwin.log(x)
        #endif
    }
    @inline(__always) static func logf(_ x: Float) -> Float {
        #if canImport(Glibc)
        return Glibc.logf(x)
        #else
        return Darwin.logf(x)
        #endif
    }
    @inline(__always) static func exp(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.exp(x)
        #else
        return Darwin.exp(x)
        #endif
    }
    @inline(__always) static func log1p(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log1p(x)
        #else
        return Darwin.log1p(x)
        #endif
    }
}
