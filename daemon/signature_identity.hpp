// The identity of the signatures in a database directory, as the stamp new
// markers carry (scannedonly/signature_stamp.hpp) and as text for people.
#pragma once

#include "scannedonly/markers.hpp"

#include <string>

namespace scannedonlyd {

struct SignatureIdentity {
    scannedonly::SignatureStamp stamp = 0;
    // One line per database file: "daily.cld 27456 1764581700" for a
    // signed database (its version and build time), "local.ndb sha256:..."
    // for any other (its content).
    std::string description;
};

// Taken before the engine is compiled, as the database state is: files
// replaced meanwhile make the stamp older than the engine, so its markers
// are rescanned once more, never the reverse. Which files count is
// libclamav's choice (cl_statinidir), so the same signatures give the same
// stamp on every node and after every restart.
SignatureIdentity identify_signatures(const std::string& database_dir);

}  // namespace scannedonlyd
