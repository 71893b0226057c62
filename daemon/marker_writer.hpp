// Writing the 0-byte verdict markers beside a file, on its directory fd.
#pragma once

#include <ctime>
#include <string>

namespace scannedonlyd {

// Creates or refreshes `marker` in dir_fd so that its ctime is strictly
// newer than `file_ctime` (the rule of scannedonly::file_access). Only a
// regular, single-link file owned by the daemon is reused; anything else of
// that name is replaced. Returns false with errno set on failure.
bool write_marker(int dir_fd, const std::string& marker, const timespec& file_ctime);

// Removes a stale entry; a missing one is fine. Never follows a symlink.
void remove_entry(int dir_fd, const std::string& name);

}  // namespace scannedonlyd
