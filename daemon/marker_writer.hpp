// Writing the 0-byte verdict markers beside a file, on its directory fd.
#pragma once

#include "scannedonly/markers.hpp"

#include <sys/stat.h>

#include <string>

namespace scannedonlyd {

// Creates or refreshes `marker` in dir_fd for the file whose stat is `file`,
// as scannedonly::file_access reads it: group marker_group_for(its inode),
// mtime equal to ctime, ctime strictly newer than the file's, the access
// time `stamp` (signature_stamp.hpp). Only a regular,
// single-link file owned by the daemon is reused; anything else of that name
// is replaced. Setting the group takes root or CAP_CHOWN. Returns false with
// errno set on failure.
bool write_marker(int dir_fd, const std::string& marker, const struct stat& file,
                  scannedonly::SignatureStamp stamp);

// Removes a stale entry; a missing one is fine. Never follows a symlink.
void remove_entry(int dir_fd, const std::string& name);

}  // namespace scannedonlyd
