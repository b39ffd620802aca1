// The system SQLite (Debian's libsqlite3-dev), for the embedded engine's read cache.
#ifndef AAP_CSQLITE_SHIM_H
#define AAP_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies the bound bytes.
static inline sqlite3_destructor_type aap_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
