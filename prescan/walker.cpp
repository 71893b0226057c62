#include "walker.hpp"

#include "scannedonly/fd.hpp"
#include "scannedonly/paths.hpp"
#include "scannedonly/protocol.hpp"
#include "scannedonly/walk_rules.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace scannedonly::prescan {

namespace {
constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;

std::string errno_text() { return std::strerror(errno); }
}  // namespace

Walker::Walker(const PrescanOptions& options, Tally& tally, Console& console, Visit visit)
    : options_(options), tally_(tally), console_(console), visit_(std::move(visit)) {}

void Walker::report(const std::string& message) {
    ++tally_.errors;
    console_.error(message);
}

bool Walker::walk(const std::string& root) {
    // The administrator's own argument may go through symlinks (as find -H);
    // nothing below it does. The daemon wants canonical paths anyway.
    char resolved[PATH_MAX];
    if (!realpath(root.c_str(), resolved)) {
        report("cannot use " + root + ": " + errno_text());
        return true;
    }
    clock_gettime(CLOCK_REALTIME, &now_);
    struct stat target{};
    if (lstat(resolved, &target) == 0 && !S_ISDIR(target.st_mode)) return walk_file(resolved);
    const Fd dir(open(resolved, kDirFlags));
    if (!dir) {
        report("cannot open directory " + std::string(resolved) + ": " + errno_text());
        return true;
    }
    struct stat st{};
    fstat(dir.get(), &st);
    root_dev_ = st.st_dev;
    ancestors_ = {{st.st_dev, st.st_ino}};
    return walk_directory(dir.get(), resolved);
}

// One file named on the command line: the rules of a walk apply to it as
// to a file met in its directory (a marker or an excluded path is skipped).
bool Walker::walk_file(const std::string& path) {
    const SplitPath split = split_last(path);  // realpath's: absolute, so dir is at least "/"
    const std::string name(split.name);
    const std::string dir_path(split.dir.size() > 1 ? split.dir.substr(0, split.dir.size() - 1)
                                                    : split.dir);
    const Fd dir(open(dir_path.c_str(), kDirFlags));
    struct stat st{};
    if (!dir || fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        report("cannot use " + path + ": " + errno_text());
        return true;
    }
    if (!S_ISREG(st.st_mode)) {
        report("cannot use " + path + ": not a regular file or directory");
        return true;
    }
    if (skip_entry(name, path, false, options_.prefixes, options_.excludes)) return true;
    return visit_file(dir.get(), dir_path, name, st);
}

bool Walker::read_entries(int fd, const std::string& path, std::vector<Entry>& entries) {
    DIR* dir = fdopendir(dup(fd));
    if (!dir) {
        report("cannot read directory " + path + ": " + errno_text());
        return false;
    }
    errno = 0;
    while (dirent* d = readdir(dir)) {
        const std::string name = d->d_name;
        if (name == "." || name == "..") continue;
        struct stat st{};
        if (fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            // Deleted since readdir: nothing left to scan.
            if (errno != ENOENT) report("cannot stat " + join_path(path, name) + ": " + errno_text());
            errno = 0;
            continue;
        }
        entries.push_back({name, st});
        errno = 0;
    }
    if (errno != 0) report("cannot read directory " + path + ": " + errno_text());
    closedir(dir);
    // Sorted: dry-run listings and logs are reproducible.
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return true;
}

bool Walker::walk_directory(int fd, const std::string& path) {
    std::vector<Entry> entries;
    if (!read_entries(fd, path, entries)) return true;
    // Files first, so a deep subtree does not keep this level's files waiting.
    for (const Entry& e : entries) {
        const std::string child = join_path(path, e.name);
        if (!S_ISREG(e.st.st_mode) || skip_entry(e.name, child, false, options_.prefixes, options_.excludes))
            continue;
        if (!visit_file(fd, path, e.name, e.st)) return false;
    }
    for (const Entry& e : entries) {
        const std::string child = join_path(path, e.name);
        if (!S_ISDIR(e.st.st_mode) || skip_entry(e.name, child, true, options_.prefixes, options_.excludes))
            continue;
        if (options_.one_file_system && e.st.st_dev != root_dev_) continue;
        if (!enter(fd, child, e.name)) return false;
    }
    return true;
}

bool Walker::enter(int parent_fd, const std::string& path, const std::string& name) {
    const Fd dir(openat(parent_fd, name.c_str(), kDirFlags));
    if (!dir) {
        // ELOOP: replaced by a symlink since we looked; never followed.
        report("cannot open directory " + path + ": " + errno_text());
        return true;
    }
    struct stat st{};
    fstat(dir.get(), &st);
    const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
    if (std::find(ancestors_.begin(), ancestors_.end(), id) != ancestors_.end()) {
        report("directory loop (bind mount?) at " + path + ": not entered");
        return true;
    }
    ancestors_.push_back(id);
    const bool go_on = walk_directory(dir.get(), path);
    ancestors_.pop_back();
    return go_on;
}

void Walker::expire_marker(int dirfd, const std::string& dir, const std::string& name) {
    const std::string marker = scanned_marker_name(name, options_.prefixes);
    const auto st = lstat_at(dirfd, marker);
    if (!st || !S_ISREG(st->st_mode) ||
        !marker_expired(marker_facts(st), now_, *options_.rescan_older_than))
        return;
    const std::string marker_path = join_path(dir, marker);
    if (options_.dry_run) {
        console_.result("remove " + marker_path);
    } else if (unlinkat(dirfd, marker.c_str(), 0) != 0 && errno != ENOENT) {
        report("cannot remove " + marker_path + ": " + errno_text());
        return;
    }
    ++tally_.markers_removed;
}

bool Walker::visit_file(int dirfd, const std::string& dir, const std::string& name,
                        const struct stat& st) {
    ++tally_.seen;
    if (options_.rescan_older_than) expire_marker(dirfd, dir, name);
    const auto marker = marker_facts(lstat_at(dirfd, scanned_marker_name(name, options_.prefixes)));
    const bool marker_gone = options_.dry_run && options_.rescan_older_than &&
                             marker_expired(marker, now_, *options_.rescan_older_than);
    const Access access = marker_gone ? Access::NeedsScan
                                      : file_access(file_facts(st), marker, options_.trusted,
                                                    options_.current_stamp);
    if (access == Access::Allowed) {
        ++tally_.already_scanned;
        return true;
    }
    const bool outdated = access == Access::Outdated;
    if (outdated) ++tally_.outdated;
    std::string path = join_path(dir, name);
    if (PathError error = check_path(path); error != PathError::None) {
        // Such a file stays unscanned and so unreachable through the share.
        report("cannot send " + path + ": " + describe(error));
        return true;
    }
    const auto failed = marker_facts(lstat_at(dirfd, failed_marker_name(name, options_.prefixes)));
    return visit_(Candidate{std::move(path), failed, outdated, outdated ? marker : MarkerFacts{}});
}

}  // namespace scannedonly::prescan
