// Scanning a file's named streams (scannedonly/streams.hpp says which).
#pragma once

#include "scan_engine.hpp"

#include <string>

namespace scannedonlyd {

// Scans each stream-holding extended attribute of the open file `fd` at
// `path`: the first that is not clean gives the verdict. A filesystem
// without extended attributes has no streams, which is clean.
ScanResult scan_streams(const ScanEngine& engine, int fd, const std::string& path);

}  // namespace scannedonlyd
