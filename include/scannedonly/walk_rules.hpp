// Which entries a tree walk (scannedonly_prescan) skips, and when a marker
// is old enough for --rescan-older-than to remove it.
#pragma once

#include "scannedonly/markers.hpp"
#include "scannedonly/paths.hpp"
#include "scannedonly/pattern.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

// Markers, .virus: and .failed: entries are the daemon's, never scanned.
// Excludes match the full path; a directory is matched with a trailing '/',
// so "/tmp/" skips every directory called tmp and everything below it.
bool skip_entry(std::string_view name, std::string_view path, bool is_directory,
                const Prefixes& prefixes, const std::vector<Pattern>& excludes);

// A marker whose ctime lies more than max_age before now.
bool marker_expired(const MarkerFacts& marker, const timespec& now,
                    std::chrono::milliseconds max_age);

}  // namespace scannedonly
