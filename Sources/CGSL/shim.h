#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

/* The GSL headers the Swift `GSL` module wraps, plus a few static inline
   helpers. GSL exposes some objects as mutable global variables (the RNG and
   fixed-quadrature type descriptors); Swift 6 strict concurrency rejects
   reading those directly, so they are returned by functions here. */

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

#endif
