#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

/* The few OpenBLAS entry points the Swift `BLAS` and `GSL` modules use,
   declared here rather than through OpenBLAS's cblas.h, whose cblas_* names
   clash with GSL's gsl_cblas.h. The Fortran-interface symbol dgemm_ exists
   only in OpenBLAS. (At run time OpenBLAS, linked first, also serves GSL's
   own cblas_* calls.) */

void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
            const double *beta, double *c, const int *ldc);

void openblas_set_num_threads(int threads);
char *openblas_get_corename(void);

#endif
