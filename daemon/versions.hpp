// What `scannedonlyd --version` prints besides its own version, as clamd's
// does: libclamav's version and that of the signatures it would load.
#pragma once

#include <string>

namespace scannedonlyd {

// "libclamav 1.4.1" and one line per signature database in `database_dir`
// ("daily.cld: version 27100 (01 Dec 2026 ...), 2070000 signatures"), or
// the number of signatures when it holds no .cvd/.cld.
std::string version_lines(const std::string& database_dir);

}  // namespace scannedonlyd
