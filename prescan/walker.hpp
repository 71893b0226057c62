// Walks directory trees with *at() calls on directory fds: no symlink is
// ever followed, -x stays on the root's file system, markers and excluded
// paths are skipped, and unreadable directories are reported, not fatal.
#pragma once

#include "console.hpp"
#include "scannedonly/markers.hpp"
#include "scannedonly/prescan_options.hpp"
#include "scannedonly/prescan_report.hpp"

#include <sys/stat.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace scannedonly::prescan {

// A file without a fresh marker, to be sent to the daemon.
struct Candidate {
    std::string path;
    MarkerFacts failed_before;  // its .failed: marker when it was sent
    bool outdated = false;      // its .scanned: marker predates the signatures
    MarkerFacts scanned_before;  // that marker, when outdated
};

class Walker {
public:
    // Returns false to stop the walk (e.g. a --wait timeout).
    using Visit = std::function<bool(Candidate&&)>;

    Walker(const PrescanOptions& options, Tally& tally, Console& console, Visit visit);
    // False when the visitor stopped the walk.
    bool walk(const std::string& root);

private:
    struct Entry {
        std::string name;
        struct stat st;
    };
    bool walk_file(const std::string& path);
    bool walk_directory(int fd, const std::string& path);
    bool read_entries(int fd, const std::string& path, std::vector<Entry>& entries);
    bool enter(int parent_fd, const std::string& path, const std::string& name);
    bool visit_file(int dirfd, const std::string& path, const std::string& name,
                    const struct stat& st);
    void expire_marker(int dirfd, const std::string& dir, const std::string& name);
    void report(const std::string& message);

    const PrescanOptions& options_;
    Tally& tally_;
    Console& console_;
    Visit visit_;
    timespec now_{};
    dev_t root_dev_ = 0;
    std::vector<std::pair<dev_t, ino_t>> ancestors_;  // to spot bind-mount loops
};

}  // namespace scannedonly::prescan
