// What `scannedonlyd --version` prints besides its own version, as clamd's
// does: libclamav's version and that of the signatures it would load.
#pragma once

#include <string>

namespace scannedonlyd {

// "libclamav 1.4.1" and one line per signature database in `database_dir`
// ("daily.cld: version 27100 (01 Dec 2026 ...), 2070000 signatures"), or
// the number of signatures when it holds no .cvd/.cld.
std::string version_lines(const std::string& database_dir);

// The version clamd reports for a database: daily's, else the newest .cvd
// or .cld's; its date is the build time, UTC, ISO 8601. Empty without any.
struct SignatureVersion {
    std::string version;
    std::string date;
};
SignatureVersion signature_version(const std::string& database_dir);

// "libclamav 1.4.1"'s number.
std::string libclamav_version();

}  // namespace scannedonlyd
