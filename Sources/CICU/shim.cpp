// The only file that includes ICU headers; see include/CICU.h for the contract.
#include "CICU.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uspoof.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <new>

using icu::BreakIterator;
using icu::CheckedArrayByteSink;
using icu::Locale;
using icu::Normalizer2;
using icu::StringPiece;
using icu::Transliterator;
using icu::UnicodeString;

struct malmoi_icu_transliterator {
    Transliterator *transliterator;
};

struct malmoi_icu_spoof {
    USpoofChecker *checker;
};

static const Normalizer2 *normalizer(int32_t form, UErrorCode &error) {
    switch (form) {
    case MALMOI_ICU_NFC: return Normalizer2::getNFCInstance(error);
    case MALMOI_ICU_NFD: return Normalizer2::getNFDInstance(error);
    case MALMOI_ICU_NFKC: return Normalizer2::getNFKCInstance(error);
    case MALMOI_ICU_NFKD: return Normalizer2::getNFKDInstance(error);
    case MALMOI_ICU_NFKC_CASEFOLD: return Normalizer2::getNFKCCasefoldInstance(error);
    default:
        error = U_ILLEGAL_ARGUMENT_ERROR;
        return nullptr;
    }
}

// Copies a UnicodeString out, reporting the needed length and overflow like ICU's C API does.
static int32_t extract(const UnicodeString &text, uint16_t *dest, int32_t capacity, UErrorCode &error) {
    int32_t needed = text.length();
    if (needed > capacity) {
        error = U_BUFFER_OVERFLOW_ERROR;
        return needed;
    }
    if (needed > 0) text.extract(0, needed, reinterpret_cast<UChar *>(dest));
    return needed;
}

extern "C" {

const char *malmoi_icu_error_name(int32_t status) {
    return u_errorName(static_cast<UErrorCode>(status));
}

int32_t malmoi_icu_buffer_overflow_status(void) { return U_BUFFER_OVERFLOW_ERROR; }

int32_t malmoi_icu_normalize_utf8(int32_t form, const uint8_t *source, int32_t length,
                                  uint8_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    const Normalizer2 *norm = normalizer(form, error);
    if (U_FAILURE(error)) { *status = error; return 0; }
    try {
        CheckedArrayByteSink sink(reinterpret_cast<char *>(dest), capacity);
        norm->normalizeUTF8(0, StringPiece(reinterpret_cast<const char *>(source), length), sink, nullptr, error);
        if (U_FAILURE(error)) { *status = error; return 0; }
        int32_t needed = sink.NumberOfBytesAppended();
        *status = sink.Overflowed() ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
        return needed;
    } catch (const std::bad_alloc &) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
}

int32_t malmoi_icu_is_normalized_utf8(int32_t form, const uint8_t *source, int32_t length, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    const Normalizer2 *norm = normalizer(form, error);
    if (U_FAILURE(error)) { *status = error; return 0; }
    UBool result = norm->isNormalizedUTF8(StringPiece(reinterpret_cast<const char *>(source), length), error);
    *status = error;
    return result ? 1 : 0;
}

int32_t malmoi_icu_normalize_utf16(int32_t form, const uint16_t *source, int32_t length,
                                   uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    const Normalizer2 *norm = normalizer(form, error);
    if (U_FAILURE(error)) { *status = error; return 0; }
    try {
        UnicodeString input(false, reinterpret_cast<const UChar *>(source), length);
        UnicodeString output = norm->normalize(input, error);
        if (U_FAILURE(error)) { *status = error; return 0; }
        int32_t needed = extract(output, dest, capacity, error);
        *status = error;
        return needed;
    } catch (const std::bad_alloc &) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
}

int32_t malmoi_icu_has_boundary_before(int32_t form, int32_t codePoint) {
    UErrorCode error = U_ZERO_ERROR;
    const Normalizer2 *norm = normalizer(form, error);
    if (U_FAILURE(error)) return 1;
    return norm->hasBoundaryBefore(codePoint) ? 1 : 0;
}

int32_t malmoi_icu_is_inert(int32_t form, int32_t codePoint) {
    UErrorCode error = U_ZERO_ERROR;
    const Normalizer2 *norm = normalizer(form, error);
    if (U_FAILURE(error)) return 0;
    return norm->isInert(codePoint) ? 1 : 0;
}

int32_t malmoi_icu_breaks(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                          int32_t *boundaries, int32_t *ruleStatus, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    try {
        Locale where(locale ? locale : "");
        BreakIterator *iterator = nullptr;
        switch (kind) {
        case MALMOI_ICU_BREAK_CHARACTER: iterator = BreakIterator::createCharacterInstance(where, error); break;
        case MALMOI_ICU_BREAK_WORD: iterator = BreakIterator::createWordInstance(where, error); break;
        case MALMOI_ICU_BREAK_LINE: iterator = BreakIterator::createLineInstance(where, error); break;
        case MALMOI_ICU_BREAK_SENTENCE: iterator = BreakIterator::createSentenceInstance(where, error); break;
        default: error = U_ILLEGAL_ARGUMENT_ERROR;
        }
        if (U_FAILURE(error) || iterator == nullptr) {
            delete iterator;
            *status = U_FAILURE(error) ? error : U_MEMORY_ALLOCATION_ERROR;
            return 0;
        }
        UnicodeString input(false, reinterpret_cast<const UChar *>(text), length);
        iterator->setText(input);
        int32_t count = 0;
        for (int32_t boundary = iterator->first(); boundary != BreakIterator::DONE; boundary = iterator->next()) {
            if (count < capacity) {
                boundaries[count] = boundary;
                if (ruleStatus) ruleStatus[count] = iterator->getRuleStatus();
            }
            count++;
        }
        delete iterator;
        *status = count > capacity ? U_BUFFER_OVERFLOW_ERROR : U_ZERO_ERROR;
        return count;
    } catch (const std::bad_alloc &) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
}

malmoi_icu_transliterator_t *malmoi_icu_transliterator_open(const uint16_t *id, int32_t idLength,
                                                            int32_t reverse, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    try {
        UnicodeString name(reinterpret_cast<const UChar *>(id), idLength);
        Transliterator *transliterator =
            Transliterator::createInstance(name, reverse ? UTRANS_REVERSE : UTRANS_FORWARD, error);
        if (U_FAILURE(error) || transliterator == nullptr) {
            delete transliterator;
            *status = U_FAILURE(error) ? error : U_INVALID_ID;
            return nullptr;
        }
        *status = U_ZERO_ERROR;
        return new malmoi_icu_transliterator{transliterator};
    } catch (const std::bad_alloc &) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return nullptr;
    }
}

void malmoi_icu_transliterator_close(malmoi_icu_transliterator_t *transliterator) {
    if (!transliterator) return;
    delete transliterator->transliterator;
    delete transliterator;
}

int32_t malmoi_icu_transliterate(const malmoi_icu_transliterator_t *transliterator,
                                 const uint16_t *source, int32_t length,
                                 uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    try {
        UnicodeString text(reinterpret_cast<const UChar *>(source), length);
        transliterator->transliterator->transliterate(text);
        int32_t needed = extract(text, dest, capacity, error);
        *status = error;
        return needed;
    } catch (const std::bad_alloc &) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
}

malmoi_icu_spoof_t *malmoi_icu_spoof_open(int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&error);
    if (U_FAILURE(error)) {
        *status = error;
        return nullptr;
    }
    try {
        *status = U_ZERO_ERROR;
        return new malmoi_icu_spoof{checker};
    } catch (const std::bad_alloc &) {
        uspoof_close(checker);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return nullptr;
    }
}

void malmoi_icu_spoof_close(malmoi_icu_spoof_t *checker) {
    if (!checker) return;
    uspoof_close(checker->checker);
    delete checker;
}

int32_t malmoi_icu_spoof_skeleton(const malmoi_icu_spoof_t *checker, const uint16_t *source, int32_t length,
                                  uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t needed = uspoof_getSkeleton(checker->checker, 0, reinterpret_cast<const UChar *>(source), length,
                                        reinterpret_cast<UChar *>(dest), capacity, &error);
    *status = error;
    return needed;
}

}  // extern "C"
