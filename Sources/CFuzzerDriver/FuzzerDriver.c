#include "FuzzerDriver.h"

// libFuzzer's entry point when main is ours (SwiftPM writes the executable's main). Weak, so that a
// build without the sanitizer links and reports that it cannot fuzz.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size))
    __attribute__((weak));

int moderate_run_fuzzer(int *argc, char ***argv, FuzzTestOneInput callback) {
    if (!LLVMFuzzerRunDriver) return -1;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
