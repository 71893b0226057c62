// lstat-style facts about names, for the marker and verdict rules.
#pragma once

#include "scannedonly/markers.hpp"

#include <sys/stat.h>

#include <optional>
#include <string>

namespace scannedonly::prescan {

// fstatat without following a symlink; empty when the name does not exist
// (or cannot be looked at). The core's file_facts and marker_facts read it.
std::optional<struct stat> lstat_at(int dirfd, const std::string& name);

}  // namespace scannedonly::prescan
