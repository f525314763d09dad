import CICU
import MalmoiCore

/// The only Swift file that calls the ICU shim: every ICU call goes through here and comes back as
/// Swift values or an ``TextError``.
enum ICU {
    static let bufferOverflow = malmoi_icu_buffer_overflow_status()

    static func check(_ status: Int32, _ function: String) throws(TextError) {
        if status > 0 {
            throw TextError.icu(function, errorName: String(cString: malmoi_icu_error_name(status)), status: status)
        }
    }

    static func formCode(_ form: NormalizationForm) -> Int32 {
        switch form {
        case .nfc: Int32(MALMOI_ICU_NFC)
        case .nfd: Int32(MALMOI_ICU_NFD)
        case .nfkc: Int32(MALMOI_ICU_NFKC)
        case .nfkd: Int32(MALMOI_ICU_NFKD)
        case .nfkcCasefold: Int32(MALMOI_ICU_NFKC_CASEFOLD)
        }
    }

    /// Normalizes UTF-8 bytes, appending the result to `output` (which is cleared first).
    static func normalizeUTF8(_ form: NormalizationForm, _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(TextError) {
        let code = formCode(form)
        var capacity = max(input.count + input.count / 2 + 16, output.capacity)
        while true {
            var status: Int32 = 0
            if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
            let needed = output.withUnsafeMutableBufferPointer { buffer in
                malmoi_icu_normalize_utf8(code, input.baseAddress, Int32(input.count), buffer.baseAddress, Int32(buffer.count), &status)
            }
            if status == bufferOverflow {
                capacity = Int(needed) + 16
                continue
            }
            try check(status, "Normalizer2::normalizeUTF8")
            output.removeLast(output.count - Int(needed))
            return
        }
    }

    static func isNormalizedUTF8(_ form: NormalizationForm, _ input: UnsafeBufferPointer<UInt8>) throws(TextError) -> Bool {
        var status: Int32 = 0
        let result = malmoi_icu_is_normalized_utf8(formCode(form), input.baseAddress, Int32(input.count), &status)
        try check(status, "Normalizer2::isNormalizedUTF8")
        return result != 0
    }

    static func hasBoundaryBefore(_ form: NormalizationForm, _ scalar: Unicode.Scalar) -> Bool {
        malmoi_icu_has_boundary_before(formCode(form), Int32(scalar.value)) != 0
    }

    static func isInert(_ form: NormalizationForm, _ scalar: Unicode.Scalar) -> Bool {
        malmoi_icu_is_inert(formCode(form), Int32(scalar.value)) != 0
    }

    /// Break boundaries as UTF-16 offsets, with their rule statuses.
    static func breaks(_ kind: Int32, locale: String, utf16: [UInt16]) throws(TextError) -> (boundaries: [Int32], statuses: [Int32]) {
        var capacity = utf16.count / 4 + 8
        while true {
            var boundaries = [Int32](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            var status: Int32 = 0
            let count = utf16.withUnsafeBufferPointer { text in
                boundaries.withUnsafeMutableBufferPointer { b in
                    statuses.withUnsafeMutableBufferPointer { s in
                        malmoi_icu_breaks(kind, locale, text.baseAddress, Int32(text.count), b.baseAddress, s.baseAddress, Int32(capacity), &status)
                    }
                }
            }
            if status == bufferOverflow {
                capacity = Int(count) + 1
                continue
            }
            try check(status, "BreakIterator")
            return (Array(boundaries.prefix(Int(count))), Array(statuses.prefix(Int(count))))
        }
    }

    /// Runs a UTF-16 producing shim call with buffer-overflow retry.
    static func withRetry(_ function: String, inputCount: Int, _ call: (UnsafeMutablePointer<UInt16>?, Int32, inout Int32) -> Int32) throws(TextError) -> [UInt16] {
        var capacity = inputCount * 2 + 16
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            var status: Int32 = 0
            let needed = output.withUnsafeMutableBufferPointer { call($0.baseAddress, Int32($0.count), &status) }
            if status == bufferOverflow {
                capacity = Int(needed) + 1
                continue
            }
            try check(status, function)
            return Array(output.prefix(Int(needed)))
        }
    }

    static func normalizeUTF16(_ form: NormalizationForm, _ text: [UInt16]) throws(TextError) -> [UInt16] {
        try text.withUnsafeBufferPointer { (input: UnsafeBufferPointer<UInt16>) throws(TextError) -> [UInt16] in
            try withRetry("unorm2_normalize", inputCount: text.count) { dest, capacity, status in
                malmoi_icu_normalize_utf16(formCode(form), input.baseAddress, Int32(input.count), dest, capacity, &status)
            }
        }
    }

    final class TransliteratorHandle: @unchecked Sendable {
        let pointer: OpaquePointer

        init(id: String, reverse: Bool) throws(TextError) {
            let utf16 = Array(id.utf16)
            var status: Int32 = 0
            let handle = malmoi_icu_transliterator_open(utf16, Int32(utf16.count), reverse ? 1 : 0, &status)
            try check(status, "Transliterator::createInstance(\"\(id)\")")
            guard let handle else { throw TextError.icu("Transliterator::createInstance(\"\(id)\")", errorName: "U_INVALID_ID", status: 65569) }
            pointer = handle
        }

        deinit { malmoi_icu_transliterator_close(pointer) }

        func transliterate(_ text: [UInt16]) throws(TextError) -> [UInt16] {
            try text.withUnsafeBufferPointer { (input: UnsafeBufferPointer<UInt16>) throws(TextError) -> [UInt16] in
                try withRetry("Transliterator::transliterate", inputCount: text.count) { dest, capacity, status in
                    malmoi_icu_transliterate(pointer, input.baseAddress, Int32(input.count), dest, capacity, &status)
                }
            }
        }
    }

    final class SpoofHandle: @unchecked Sendable {
        let pointer: OpaquePointer

        init() throws(TextError) {
            var status: Int32 = 0
            let handle = malmoi_icu_spoof_open(&status)
            try check(status, "uspoof_open")
            guard let handle else { throw TextError.icu("uspoof_open", errorName: "U_MEMORY_ALLOCATION_ERROR", status: 7) }
            pointer = handle
        }

        deinit { malmoi_icu_spoof_close(pointer) }

        func skeleton(_ text: [UInt16]) throws(TextError) -> [UInt16] {
            try text.withUnsafeBufferPointer { (input: UnsafeBufferPointer<UInt16>) throws(TextError) -> [UInt16] in
                try withRetry("uspoof_getSkeleton", inputCount: text.count) { dest, capacity, status in
                    malmoi_icu_spoof_skeleton(pointer, input.baseAddress, Int32(input.count), dest, capacity, &status)
                }
            }
        }
    }
}
