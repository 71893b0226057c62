// lstat-style facts about names, for the marker and verdict rules.
#pragma once

#include "scannedonly/markers.hpp"

#include <sys/stat.h>

#include <optional>
#include <string>

namespace scannedonly::prescan {

// fstatat without following a symlink; empty when the name does not exist
// (or cannot be looked at).
std::optional<struct stat> lstat_at(int dirfd, const std::string& name);

FileFacts file_facts(const struct stat& st);
MarkerFacts marker_facts(const std::optional<struct stat>& st);

}  // namespace scannedonly::prescan
