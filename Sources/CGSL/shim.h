#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

/* The GSL headers the Swift `GSL` module wraps, plus a few static inline
   helpers. GSL exposes some objects as mutable global variables (the RNG and
   fixed-quadrature type descriptors); Swift 6 strict concurrency rejects
   reading those directly, so they are returned by functions here. */

#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hermite.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_fit.h>

static inline const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_integration_fixed_type *cgsl_fixed_hermite(void) { return gsl_integration_fixed_hermite; }
static inline const gsl_root_fsolver_type *cgsl_root_brent(void) { return gsl_root_fsolver_brent; }

/* The last error GSL reported on the calling thread. GSL calls its error
   handler with a reason string before returning a status code; the handler
   installed by `cgsl_install_recording_handler` copies that reason here
   instead of aborting, so the Swift side can throw it. */
typedef struct {
    int status;
    char reason[256];
    char file[128];
    int line;
} cgsl_error_record;

static inline cgsl_error_record *cgsl_last_error(void) {
    static _Thread_local cgsl_error_record record;
    return &record;
}

static inline void cgsl_clear_error(void) {
    cgsl_error_record *r = cgsl_last_error();
    r->status = 0;
    r->reason[0] = '\0';
    r->file[0] = '\0';
    r->line = 0;
}

static inline void cgsl_recording_handler(const char *reason, const char *file, int line, int gsl_errno) {
    cgsl_error_record *r = cgsl_last_error();
    r->status = gsl_errno;
    strncpy(r->reason, reason ? reason : "", sizeof(r->reason) - 1);
    r->reason[sizeof(r->reason) - 1] = '\0';
    strncpy(r->file, file ? file : "", sizeof(r->file) - 1);
    r->file[sizeof(r->file) - 1] = '\0';
    r->line = line;
}

/* Replaces GSL's default handler (which calls abort()) by the recording one. */
static inline void cgsl_install_recording_handler(void) {
    gsl_set_error_handler(&cgsl_recording_handler);
}

#endif
