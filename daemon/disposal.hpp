// Taking an infected file out of users' reach: renamed in place to
// ".virus:NAME" or moved into the quarantine directory. Never overwrites an
// earlier file, and a crash at any moment leaves the original or its copy.
#pragma once

#include "scannedonly/fd.hpp"
#include "scannedonly/markers.hpp"

#include <string>

namespace scannedonlyd {

using scannedonly::Fd;

struct Disposal {
    bool moved = false;       // the original name is gone
    std::string action;       // "renamed", "quarantined", "copied" or "none"
    std::string destination;  // full path of where the file (or a copy) went
    std::string error;        // why it was not moved
};

class Disposer {
public:
    // An empty quarantine_dir renames in place. Otherwise the directory is
    // created (0700) if missing and kept open; throws std::runtime_error.
    Disposer(const std::string& quarantine_dir, scannedonly::Prefixes prefixes);

    // dir_fd/name is the infected file, file_fd the descriptor it was
    // scanned through (the copy source across filesystems), dir_path the
    // directory's path with its trailing '/' (split_last), for messages.
    Disposal dispose(int dir_fd, int file_fd, const std::string& dir_path,
                     const std::string& name) const;

private:
    Disposal rename_in_place(int dir_fd, const std::string& dir_path, const std::string& name) const;
    Disposal quarantine(int dir_fd, int file_fd, const std::string& name) const;

    std::string quarantine_dir_;
    Fd quarantine_fd_;
    scannedonly::Prefixes prefixes_;
};

}  // namespace scannedonlyd
