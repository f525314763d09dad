import MalmoiCore

/// An ICU transform, such as `Latin-Hangul` (romanization back to Hangul) or `Hangul-Latin`.
///
/// ```swift
/// let toHangul = try Transliterator(id: "Latin-Hangul")
/// try toHangul.transliterate("ssibal")   // "ssibal" read as Hangul
/// ```
/// A transliterator is expensive to open (milliseconds) and cheap to use: open it once and reuse it.
/// It is safe to share between threads; calls are serialized.
public final class Transliterator: @unchecked Sendable {
    /// The transform ID it was opened with.
    public let id: String
    private let handle: ICU.TransliteratorHandle
    private let lock = Lock()

    /// Opens a transform by ICU ID (`Latin-Hangul`, `Hangul-Latin`, `Any-NFKC`, `Fullwidth-Halfwidth`, …).
    /// - Parameter reverse: use the inverse of the transform.
    /// - Throws: ``TextError`` (`U_INVALID_ID` for an unknown ID).
    public init(id: String, reverse: Bool = false) throws(TextError) {
        self.id = id
        handle = try ICU.TransliteratorHandle(id: id, reverse: reverse)
    }

    /// The transliterated text.
    public func transliterate(_ text: String) throws(TextError) -> String {
        let result = try lock.withLock { () throws(TextError) -> [UInt16] in try handle.transliterate(Array(text.utf16)) }
        return String(decoding: result, as: UTF16.self)
    }
}

/// The UTS #39 confusable skeleton of text (ICU `uspoof_getSkeleton`): look-alike characters map to a
/// shared prototype, so `раураl` (with Cyrillic letters) and `paypal` get the same skeleton.
///
/// Note for Korean: the skeleton maps several Hangul jamo and Hanja to other characters; use it to
/// compare strings, not to display them.
public final class ConfusableSkeleton: @unchecked Sendable {
    private let handle: ICU.SpoofHandle
    private let lock = Lock()

    /// Opens ICU's spoof checker.
    public init() throws(TextError) {
        handle = try ICU.SpoofHandle()
    }

    /// The skeleton of `text`.
    public func skeleton(of text: String) throws(TextError) -> String {
        let result = try lock.withLock { () throws(TextError) -> [UInt16] in try handle.skeleton(Array(text.utf16)) }
        return String(decoding: result, as: UTF16.self)
    }
}
