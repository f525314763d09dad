// CICU: a small C interface to the system ICU (libicu 72) for Malmoi.
//
// Only <stdint.h> types and malmoi_icu_* names appear here. The ICU headers are included only in
// shim.cpp: Foundation ships its own copy of ICU, and importing both sets of headers into one Swift
// module fails. Every function reports failure through an ICU UErrorCode value in *status
// (0 = success, negative = warning, positive = error); none of them aborts.
#ifndef MALMOI_CICU_H
#define MALMOI_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Normalization forms, in Malmoi's numbering.
enum {
    MALMOI_ICU_NFC = 0,
    MALMOI_ICU_NFD = 1,
    MALMOI_ICU_NFKC = 2,
    MALMOI_ICU_NFKD = 3,
    MALMOI_ICU_NFKC_CASEFOLD = 4
};

/// Break iterator kinds.
enum {
    MALMOI_ICU_BREAK_CHARACTER = 0,
    MALMOI_ICU_BREAK_WORD = 1,
    MALMOI_ICU_BREAK_LINE = 2,
    MALMOI_ICU_BREAK_SENTENCE = 3
};

/// The ICU name of a status code, e.g. "U_BUFFER_OVERFLOW_ERROR".
const char *malmoi_icu_error_name(int32_t status);

/// The status value ICU uses for a too-small output buffer.
int32_t malmoi_icu_buffer_overflow_status(void);

/// Normalizes UTF-8 text into `dest`. Returns the length the output needs; when that is more than
/// `capacity`, *status is the buffer-overflow status and the caller retries with a larger buffer.
/// Ill-formed UTF-8 is replaced by U+FFFD.
int32_t malmoi_icu_normalize_utf8(int32_t form, const uint8_t *source, int32_t length,
                                  uint8_t *dest, int32_t capacity, int32_t *status);

/// Whether UTF-8 text is already in the form: 1 yes, 0 no.
int32_t malmoi_icu_is_normalized_utf8(int32_t form, const uint8_t *source, int32_t length, int32_t *status);

/// Normalizes UTF-16 text; same contract as malmoi_icu_normalize_utf8.
int32_t malmoi_icu_normalize_utf16(int32_t form, const uint16_t *source, int32_t length,
                                   uint16_t *dest, int32_t capacity, int32_t *status);

/// Whether the code point always starts a new normalization segment in the form (1 or 0), so text
/// can be cut before it and each piece normalized on its own.
int32_t malmoi_icu_has_boundary_before(int32_t form, int32_t codePoint);

/// Whether the code point is unaffected by the form and never interacts with its neighbours (1 or 0).
int32_t malmoi_icu_is_inert(int32_t form, int32_t codePoint);

/// Finds break boundaries in UTF-16 text for a locale (e.g. "ko"). Writes up to `capacity` boundary
/// offsets (UTF-16 units, starting with 0 and ending with `length`) and, when `ruleStatus` is not
/// null, each boundary's rule status (for words: 0 none, 100 number, 200 letter, 300 kana, 400 ideo).
/// Returns the number of boundaries; when that is more than `capacity`, *status is the
/// buffer-overflow status.
int32_t malmoi_icu_breaks(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                          int32_t *boundaries, int32_t *ruleStatus, int32_t capacity, int32_t *status);

/// An ICU transliterator (opaque).
typedef struct malmoi_icu_transliterator malmoi_icu_transliterator_t;

/// Opens a transliterator by transform ID (e.g. "Latin-Hangul", "Hangul-Latin", "Any-NFKC").
/// `reverse` is 0 for the forward direction, 1 for the inverse.
malmoi_icu_transliterator_t *malmoi_icu_transliterator_open(const uint16_t *id, int32_t idLength,
                                                            int32_t reverse, int32_t *status);

/// Closes a transliterator.
void malmoi_icu_transliterator_close(malmoi_icu_transliterator_t *transliterator);

/// Transliterates UTF-16 text into `dest`. Returns the needed length; overflow as above.
int32_t malmoi_icu_transliterate(const malmoi_icu_transliterator_t *transliterator,
                                 const uint16_t *source, int32_t length,
                                 uint16_t *dest, int32_t capacity, int32_t *status);

/// A spoof checker for confusable skeletons (UTS #39), opaque.
typedef struct malmoi_icu_spoof malmoi_icu_spoof_t;

/// Opens a spoof checker.
malmoi_icu_spoof_t *malmoi_icu_spoof_open(int32_t *status);

/// Closes a spoof checker.
void malmoi_icu_spoof_close(malmoi_icu_spoof_t *checker);

/// Computes the confusable skeleton of UTF-16 text into `dest`. Returns the needed length.
int32_t malmoi_icu_spoof_skeleton(const malmoi_icu_spoof_t *checker, const uint16_t *source, int32_t length,
                                  uint16_t *dest, int32_t capacity, int32_t *status);

#ifdef __cplusplus
}
#endif

#endif
