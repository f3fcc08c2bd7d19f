/* openblas_module.c - lede's own copy of the OpenBLAS functions it calls:
 * Debian's libopenblas.a linked into a module, lede-openblas.so, that
 * src/graph/blas.c opens in preference to the system's libopenblas.so.0.
 *
 * Why a copy: the shared OpenBLAS binds 13,900 data references (the kernel
 * table of every CPU it can dispatch to) by symbol name each time it is
 * loaded, 1.0 ms of the 1.3 ms its dlopen takes, paid by every process
 * that builds a similarity graph. Linked from the archive with all but
 * three symbols local (openblas_module.map), those references are bound
 * when the module is linked and only moved when it is loaded: 0.3 ms, and
 * libgfortran and libquadmath are no longer loaded at all. The objects are
 * the archive's, the same version and the same CPU dispatch as the shared
 * library, so the results are the same bits (tests/unit/test_blas.c).
 *
 * The table is what makes the linker take these functions, and everything
 * they call, out of the archive; nothing reads it. */
#include <cblas.h>

void (*const lede_openblas_functions[])(void) = {
    (void (*)(void))cblas_dsyrk,
    (void (*)(void))cblas_dgemv,
    (void (*)(void))openblas_get_config,
};
