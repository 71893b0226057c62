// Opening a directory beneath a root without ever following a symlink: the
// daemon runs as root in directories that users can write.
#pragma once

#include <string_view>

namespace scannedonly {

enum class Resolver {
    Openat2,    // openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), fallback when missing
    Component,  // one openat(O_NOFOLLOW) per component (kernels before 5.6)
};

// Opens `relative` (canonical, no "." or "..", empty for the root itself)
// below the directory `root_fd` as an O_DIRECTORY fd. Any symlink on the way
// fails with ELOOP. Returns -1 with errno set on failure.
int open_dir_beneath(int root_fd, std::string_view relative, Resolver resolver = Resolver::Openat2);

// Opens a regular-file candidate `name` in `dir_fd` for reading without
// following a symlink or blocking on a FIFO. Returns -1 with errno set.
int open_file_nofollow(int dir_fd, const char* name);

}  // namespace scannedonly
