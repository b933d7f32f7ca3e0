#ifndef MODERATE_CICUSHIM_H
#define MODERATE_CICUSHIM_H

// The engine's only door to ICU. The header speaks plain C types on purpose: Swift modules that import
// Foundation must not see ICU's own headers (Foundation carries a private ICU with clashing types).

#include <stdint.h>

/// Folds one code point the way the matcher compares text: NFKC case folding, default-ignorable
/// characters removed, diacritics (non-spacing marks) removed, and non-Latin letters that look like
/// Latin ones (Cyrillic "е", Greek "ο") replaced by their Latin skeleton.
/// Writes at most `capacity` code points to `out` and returns how many it wrote (0 for an ignorable).
int32_t moderate_fold_codepoint(uint32_t codePoint, uint32_t *out, int32_t capacity);

/// Splits UTF-16 text into ICU word-boundary segments (locale "nl") and keeps those that are words or
/// numbers. Writes segment starts and ends (UTF-16 offsets) and returns their number, or -1 when ICU
/// fails. `capacity` must be at least length + 1. Thread-safe: each thread keeps its own iterator.
int32_t moderate_word_segments(const uint16_t *text, int32_t length,
                               int32_t *starts, int32_t *ends, int32_t capacity);

/// The ICU version this binary runs on, e.g. "72.1", written to `buffer` (NUL-terminated).
void moderate_icu_version(char *buffer, int32_t capacity);

#endif
