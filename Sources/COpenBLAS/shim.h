#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

/* The few OpenBLAS entry points the Swift `BLAS` module uses, declared here
   rather than through OpenBLAS's cblas.h: GSL's gsl_cblas.h declares the same
   cblas_* names, and the Fortran-interface symbol dgemm_ exists only
   in OpenBLAS, so calls cannot resolve to GSL's reference CBLAS. */

void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
            const double *beta, double *c, const int *ldc);

void openblas_set_num_threads(int threads);
char *openblas_get_corename(void);

#endif
