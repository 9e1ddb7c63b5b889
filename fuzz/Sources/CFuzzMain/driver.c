#include <stddef.h>
#include <stdint.h>

// SwiftPM links an executable with main = <target>_main; libFuzzer's own main is
// then not linked, so this one starts libFuzzer's driver with the Swift callback.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int dxfuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
