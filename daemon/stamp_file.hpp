// The published signature stamp (scannedonly/signature_stamp.hpp).
#pragma once

#include "engine_record.hpp"

#include <string>

namespace scannedonlyd {

// Tells the module and the prescan tool which stamp current markers carry:
// replaces `path` with a file whose mtime is the stamp and whose text says
// which signatures it stands for. Empty path: nothing. Failures are logged:
// markers then look current to the module until the next publication.
void publish_stamp(const std::string& path, const EngineFacts& facts);

}  // namespace scannedonlyd
