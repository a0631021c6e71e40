#include "cgsl_errors.h"

#include <string.h>
#include <gsl/gsl_errno.h>

static _Thread_local cgsl_error_record record;

cgsl_error_record *cgsl_last_error(void) { return &record; }

void cgsl_clear_error(void) {
    record.status = 0;
    record.reason[0] = '\0';
    record.file[0] = '\0';
    record.line = 0;
}

static void cgsl_recording_handler(const char *reason, const char *file, int line, int gsl_errno) {
    record.status = gsl_errno;
    strncpy(record.reason, reason ? reason : "", sizeof(record.reason) - 1);
    record.reason[sizeof(record.reason) - 1] = '\0';
    strncpy(record.file, file ? file : "", sizeof(record.file) - 1);
    record.file[sizeof(record.file) - 1] = '\0';
    record.line = line;
}

void cgsl_install_recording_handler(void) { gsl_set_error_handler(&cgsl_recording_handler); }
