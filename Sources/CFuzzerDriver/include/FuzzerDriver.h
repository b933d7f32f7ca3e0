#ifndef FUZZER_DRIVER_H
#define FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

typedef int (*FuzzTestOneInput)(const uint8_t *data, size_t size);

/// Runs libFuzzer when the binary was built with `-sanitize=fuzzer`; otherwise returns -1 and the
/// caller replays the inputs it was given (a plain build still compiles and can rerun a crash).
int moderate_run_fuzzer(int *argc, char ***argv, FuzzTestOneInput callback);

#endif
