// The note left beside an infected file so its owner learns what happened.
#pragma once

#include "disposal.hpp"
#include "scannedonly/markers.hpp"

#include <ctime>
#include <string>

namespace scannedonlyd {

// Writes the warning into dir_fd, replacing an earlier warning of ours but
// never a user's file of that name, and gives it a ".scanned:" marker so the
// share shows it, stamped with `stamp`. `text_template` empty: the built-in
// text. Returns false with errno set.
bool write_warning(int dir_fd, const std::string& path, const std::string& virus,
                   std::time_t when, const Disposal& disposal,
                   const scannedonly::Prefixes& prefixes, const std::string& text_template,
                   scannedonly::SignatureStamp stamp);

}  // namespace scannedonlyd
