/// An in-place, allocation-free sort for the few hundred bucket numbers of one text (quicksort with a
/// median-of-three pivot, insertion sort below 16 elements). `Array.sort` is a stable merge sort that
/// allocates a buffer on every call, which showed up as a fifth of prediction time.
enum BucketSort {
    static func sort(_ array: inout [UInt32]) {
        array.withUnsafeMutableBufferPointer { buffer in
            guard buffer.count > 1 else { return }
            quicksort(buffer.baseAddress!, 0, buffer.count - 1)
        }
    }

    private static func quicksort(_ a: UnsafeMutablePointer<UInt32>, _ low: Int, _ high: Int) {
        var low = low
        var high = high
        while high - low >= 16 {
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { swap(a, mid, low) }
            if a[high] < a[low] { swap(a, high, low) }
            if a[high] < a[mid] { swap(a, high, mid) }
            let pivot = a[mid]
            var i = low
            var j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { swap(a, i, j); i += 1; j -= 1 }
            }
            // Recurse into the smaller side, loop over the larger one.
            if j - low < high - i {
                if low < j { quicksort(a, low, j) }
                low = i
            } else {
                if i < high { quicksort(a, i, high) }
                high = j
            }
        }
        if high > low {
            for k in (low + 1)...high {
                let value = a[k]
                var m = k - 1
                while m >= low && a[m] > value { a[m + 1] = a[m]; m -= 1 }
                a[m + 1] = value
            }
        }
    }

    @inline(__always)
    private static func swap(_ a: UnsafeMutablePointer<UInt32>, _ i: Int, _ j: Int) {
        let t = a[i]; a[i] = a[j]; a[j] = t
    }
}
