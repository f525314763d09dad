/// Binary logistic regression with L2 regularization, fitted by L-BFGS over the whole batch.
///
/// Minimizes `C · Σᵢ sᵢ · (log(1 + e^{zᵢ}) − tᵢ zᵢ) + ½‖w‖²` with `zᵢ = w·xᵢ + b` (the bias is not
/// regularized; `sᵢ` are sample weights, `tᵢ ∈ {0, 1}`), the objective scikit-learn's
/// `LogisticRegression(C=…)` uses. Margins are computed per row and gradients per column, each slot
/// by one thread, so the fit is the same bit for bit whatever the number of threads.
enum LogisticRegression {
    struct Fit {
        var weights: [Float]
        var bias: Double
        var iterations: Int
        var objective: Double
    }

    static func fit(_ matrix: FeatureMatrix, targets: [Bool], sampleWeights: [Double], c: Double,
                    maxIterations: Int, tolerance: Double, threads: Int) -> Fit {
        let d = matrix.columnCount + 1
        let n = matrix.rowCount
        let margins = SharedBuffer<Double>(repeating: 0, count: n)
        let residuals = SharedBuffer<Double>(repeating: 0, count: n)
        let losses = SharedBuffer<Double>(repeating: 0, count: n)
        let gradient = SharedBuffer<Double>(repeating: 0, count: d)

        func evaluate(_ x: [Double]) -> (Double, [Double]) {
            x.withUnsafeBufferPointer { w in
                let w = UncheckedBox(w)
                matrix.rowStart.withUnsafeBufferPointer { rs in
                matrix.rowColumns.withUnsafeBufferPointer { rc in
                matrix.rowValues.withUnsafeBufferPointer { rv in
                    let (rs, rc, rv) = (UncheckedBox(rs), UncheckedBox(rc), UncheckedBox(rv))
                    Parallel.forEachRange(n, threads: threads, minimumChunk: 256) { range in
                        let bias = w.value[d - 1]
                        for i in range {
                            var z = bias
                            for k in rs.value[i]..<rs.value[i + 1] {
                                z += Double(rv.value[k]) * w.value[Int(rc.value[k])]
                            }
                            margins[i] = z
                            let t = targets[i]
                            let s = c * sampleWeights[i]
                            // softplus(z) and sigmoid(z), stable for large |z|.
                            let softplus = z > 0 ? z + Foundationless.log1p(Foundationless.exp(-z))
                                                 : Foundationless.log1p(Foundationless.exp(z))
                            let p = z >= 0 ? 1 / (1 + Foundationless.exp(-z))
                                           : { let e = Foundationless.exp(z); return e / (1 + e) }()
                            losses[i] = s * (softplus - (t ? z : 0))
                            residuals[i] = s * (p - (t ? 1 : 0))
                        }
                    }
                }}}
                matrix.columnStart.withUnsafeBufferPointer { cs in
                matrix.columnRows.withUnsafeBufferPointer { cr in
                matrix.columnValues.withUnsafeBufferPointer { cv in
                    let (cs, cr, cv) = (UncheckedBox(cs), UncheckedBox(cr), UncheckedBox(cv))
                    Parallel.forEachRange(d - 1, threads: threads, minimumChunk: 4096) { range in
                        for j in range {
                            var sum = w.value[j]
                            for k in cs.value[j]..<cs.value[j + 1] {
                                sum += Double(cv.value[k]) * residuals[Int(cr.value[k])]
                            }
                            gradient[j] = sum
                        }
                    }
                }}}
            }
            var f = 0.0
            var gb = 0.0
            for i in 0..<n { f += losses[i]; gb += residuals[i] }
            for j in 0..<(d - 1) { f += 0.5 * x[j] * x[j] }
            gradient[d - 1] = gb
            return (f, gradient.array)
        }

        var result = LBFGS.minimize(dimension: d, maxIterations: maxIterations, tolerance: tolerance, evaluate)
        let bias = result.x[d - 1]
        result.x.removeLast()
        return Fit(weights: result.x.map { Float($0) }, bias: bias, iterations: result.iterations, objective: result.value)
    }
}

/// Limited-memory BFGS (Nocedal & Wright, Algorithm 7.4, two-loop recursion) with a backtracking
/// line search on the Armijo condition.
enum LBFGS {
    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
    }

    static func minimize(dimension d: Int, maxIterations: Int, tolerance: Double, memory: Int = 10,
                         _ evaluate: ([Double]) -> (Double, [Double])) -> Result {
        var x = [Double](repeating: 0, count: d)
        var (f, g) = evaluate(x)
        let g0 = norm(g)
        var sHistory: [[Double]] = []
        var yHistory: [[Double]] = []
        var rhoHistory: [Double] = []
        var iterations = 0
        while iterations < maxIterations {
            if norm(g) <= tolerance * max(1, g0) { break }
            // Two-loop recursion: direction = -H g.
            var q = g
            var alphas = [Double](repeating: 0, count: sHistory.count)
            for k in stride(from: sHistory.count - 1, through: 0, by: -1) {
                let a = rhoHistory[k] * dot(sHistory[k], q)
                alphas[k] = a
                axpy(-a, yHistory[k], &q)
            }
            if let s = sHistory.last, let y = yHistory.last {
                let gamma = dot(s, y) / dot(y, y)
                for j in 0..<d { q[j] *= gamma }
            } else {
                let scale = 1 / max(g0, 1e-12)
                for j in 0..<d { q[j] *= scale }
            }
            for k in 0..<sHistory.count {
                let b = rhoHistory[k] * dot(yHistory[k], q)
                axpy(alphas[k] - b, sHistory[k], &q)
            }
            var direction = q
            for j in 0..<d { direction[j] = -direction[j] }
            var slope = dot(g, direction)
            if slope >= 0 {
                // Not a descent direction: restart from steepest descent.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                direction = g.map { -$0 / max(g0, 1e-12) }
                slope = dot(g, direction)
            }
            var step = 1.0
            var next = x
            var fNext = f
            var gNext = g
            var accepted = false
            for _ in 0..<40 {
                for j in 0..<d { next[j] = x[j] + step * direction[j] }
                (fNext, gNext) = evaluate(next)
                if fNext <= f + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            iterations += 1
            guard accepted else { break }
            var s = next
            var y = gNext
            for j in 0..<d { s[j] -= x[j]; y[j] -= g[j] }
            let sy = dot(s, y)
            if sy > 1e-12 {
                if sHistory.count == memory { sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst() }
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
            }
            let decrease = f - fNext
            x = next; f = fNext; g = gNext
            if decrease <= 1e-9 * max(1, abs(f)) { break }
        }
        return Result(x: x, value: f, iterations: iterations)
    }

    @inline(__always) static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<a.count { sum += a[j] * b[j] }
        return sum
    }

    @inline(__always) static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    @inline(__always) static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
        for j in 0..<x.count { y[j] += a * x[j] }
    }
}
