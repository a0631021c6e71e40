#ifndef CGSL_ERRORS_H
#define CGSL_ERRORS_H

/* The last error GSL reported on the calling thread. GSL calls its error
   handler with a reason string before returning a status code; the handler
   installed by `cgsl_install_recording_handler` copies that reason here
   instead of aborting, so the Swift side can throw it.

   The record and the handler are defined once, in cgsl_errors.c. (Defined as
   static inline functions in a header, every object file that inlines them
   gets a record of its own: an optimized build that inlines the reading call
   into another file then reads a record the handler never wrote.) */
typedef struct {
    int status;
    char reason[256];
    char file[128];
    int line;
} cgsl_error_record;

/* The calling thread's record. */
cgsl_error_record *cgsl_last_error(void);

/* Empties the calling thread's record (status 0, empty strings). */
void cgsl_clear_error(void);

/* Replaces GSL's default handler (which calls abort()) by the recording one. */
void cgsl_install_recording_handler(void);

#endif
