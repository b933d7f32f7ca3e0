#include "CICUShim.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

static const UNormalizer2 *nfkcCasefold;
static const UNormalizer2 *nfd;
static USpoofChecker *spoofChecker;
static pthread_once_t initOnce = PTHREAD_ONCE_INIT;

static void initialise(void) {
    UErrorCode status = U_ZERO_ERROR;
    nfkcCasefold = unorm2_getNFKCCasefoldInstance(&status);
    status = U_ZERO_ERROR;
    nfd = unorm2_getNFDInstance(&status);
    status = U_ZERO_ERROR;
    spoofChecker = uspoof_open(&status);
    if (U_FAILURE(status)) spoofChecker = NULL;
}

/// NFKC case fold, then NFD, dropping non-spacing marks. Returns code points written.
static int32_t foldWithoutMarks(const UChar *src, int32_t srcLength, uint32_t *out, int32_t capacity) {
    UChar folded[64];
    UChar decomposed[128];
    UErrorCode status = U_ZERO_ERROR;
    int32_t foldedLength = unorm2_normalize(nfkcCasefold, src, srcLength, folded, 64, &status);
    if (U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    int32_t decomposedLength = unorm2_normalize(nfd, folded, foldedLength, decomposed, 128, &status);
    if (U_FAILURE(status)) return -1;
    int32_t written = 0;
    for (int32_t i = 0; i < decomposedLength;) {
        UChar32 c;
        U16_NEXT(decomposed, i, decomposedLength, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (written < capacity) out[written++] = (uint32_t)c;
    }
    return written;
}

static int isLatinLike(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    return U_FAILURE(status) || script == USCRIPT_LATIN || script == USCRIPT_COMMON || script == USCRIPT_INHERITED;
}

/// A non-Latin letter becomes the Latin text its confusable skeleton folds to, when that is plain ASCII.
static int32_t latinSkeleton(UChar32 c, uint32_t *out, int32_t capacity) {
    if (spoofChecker == NULL || !u_isalpha(c) || isLatinLike(c)) return 0;
    UChar src[2];
    int32_t srcLength = 0;
    U16_APPEND_UNSAFE(src, srcLength, c);
    UChar skeleton[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t skeletonLength = uspoof_getSkeleton(spoofChecker, 0, src, srcLength, skeleton, 32, &status);
    if (U_FAILURE(status)) return 0;
    uint32_t folded[16];
    int32_t n = foldWithoutMarks(skeleton, skeletonLength, folded, 16);
    if (n <= 0 || n > capacity) return 0;
    for (int32_t i = 0; i < n; i++) {
        if (folded[i] > 0x7F || !((folded[i] >= 'a' && folded[i] <= 'z') || (folded[i] >= '0' && folded[i] <= '9'))) return 0;
    }
    memcpy(out, folded, (size_t)n * sizeof(uint32_t));
    return n;
}

int32_t moderate_fold_codepoint(uint32_t codePoint, uint32_t *out, int32_t capacity) {
    pthread_once(&initOnce, initialise);
    UChar32 c = (UChar32)codePoint;
    if (c < 0 || c > 0x10FFFF || capacity <= 0) return 0;
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
    if (nfkcCasefold == NULL || nfd == NULL) { out[0] = codePoint; return 1; }
    UChar src[2];
    int32_t srcLength = 0;
    U16_APPEND_UNSAFE(src, srcLength, c);
    uint32_t folded[32];
    int32_t n = foldWithoutMarks(src, srcLength, folded, 32);
    if (n < 0) { out[0] = codePoint; return 1; }
    int32_t written = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t latin[8];
        int32_t m = latinSkeleton((UChar32)folded[i], latin, 8);
        if (m > 0) {
            for (int32_t j = 0; j < m && written < capacity; j++) out[written++] = latin[j];
        } else if (written < capacity) {
            out[written++] = folded[i];
        }
    }
    return written;
}

static __thread UBreakIterator *threadWordIterator;

int32_t moderate_word_segments(const uint16_t *text, int32_t length,
                               int32_t *starts, int32_t *ends, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (threadWordIterator == NULL) {
        threadWordIterator = ubrk_open(UBRK_WORD, "nl", NULL, 0, &status);
        if (U_FAILURE(status)) { threadWordIterator = NULL; return -1; }
    }
    ubrk_setText(threadWordIterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t start = ubrk_first(threadWordIterator);
    for (int32_t end = ubrk_next(threadWordIterator); end != UBRK_DONE; end = ubrk_next(threadWordIterator)) {
        int32_t ruleStatus = ubrk_getRuleStatus(threadWordIterator);
        if (ruleStatus >= UBRK_WORD_NUMBER && count < capacity) {
            starts[count] = start;
            ends[count] = end;
            count++;
        }
        start = end;
    }
    return count;
}

void moderate_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    strncpy(buffer, text, (size_t)capacity);
    if (capacity > 0) buffer[capacity - 1] = 0;
}
