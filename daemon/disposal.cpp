#include "disposal.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <vector>

namespace scannedonlyd {

namespace {

constexpr int kMaxCandidates = 1000;

// "NAME", then "NAME.1", "NAME.2", ...: tries `attempt` on each until it
// does not fail with EEXIST. Returns the name used, or "" with errno set.
std::string first_free(const std::string& base, const std::function<bool(const std::string&)>& attempt) {
    for (int i = 0; i < kMaxCandidates; ++i) {
        const std::string candidate = i == 0 ? base : base + "." + std::to_string(i);
        if (attempt(candidate)) return candidate;
        if (errno != EEXIST) return "";
    }
    errno = EEXIST;
    return "";
}

bool copy_fd(int from, int to) {
    std::vector<char> buffer(1 << 20);
    off_t offset = 0;
    for (;;) {
        const ssize_t n = pread(from, buffer.data(), buffer.size(), offset);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return true;
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = write(to, buffer.data() + done, static_cast<size_t>(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) return false;
            done += w;
        }
        offset += n;
    }
}

bool same_file(int dir_fd, const std::string& name, int file_fd) {
    struct stat a {}, b {};
    return fstatat(dir_fd, name.c_str(), &a, AT_SYMLINK_NOFOLLOW) == 0 && fstat(file_fd, &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

Disposer::Disposer(const std::string& quarantine_dir, scannedonly::Prefixes prefixes)
    : quarantine_dir_(quarantine_dir), prefixes_(std::move(prefixes)) {
    if (quarantine_dir_.empty()) return;
    if (mkdir(quarantine_dir_.c_str(), 0700) != 0 && errno != EEXIST)
        throw std::runtime_error("cannot create quarantine dir " + quarantine_dir_ + ": " +
                                 strerror(errno));
    quarantine_fd_ = Fd(open(quarantine_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!quarantine_fd_)
        throw std::runtime_error("cannot open quarantine dir " + quarantine_dir_ + ": " +
                                 strerror(errno));
}

Disposal Disposer::dispose(int dir_fd, int file_fd, const std::string& dir_path,
                           const std::string& name) const {
    return quarantine_fd_ ? quarantine(dir_fd, file_fd, name)
                          : rename_in_place(dir_fd, dir_path, name);
}

Disposal Disposer::rename_in_place(int dir_fd, const std::string& dir_path,
                                   const std::string& name) const {
    const std::string used = first_free(scannedonly::virus_name(name, prefixes_), [&](auto& c) {
        return renameat2(dir_fd, name.c_str(), dir_fd, c.c_str(), RENAME_NOREPLACE) == 0;
    });
    if (used.empty()) return {false, "none", "", strerror(errno)};
    return {true, "renamed", dir_path + used, ""};
}

Disposal Disposer::quarantine(int dir_fd, int file_fd, const std::string& name) const {
    const int qfd = quarantine_fd_.get();
    std::string used = first_free(name, [&](auto& c) {
        return renameat2(dir_fd, name.c_str(), qfd, c.c_str(), RENAME_NOREPLACE) == 0;
    });
    if (!used.empty()) return {true, "quarantined", quarantine_dir_ + "/" + used, ""};
    if (errno != EXDEV) return {false, "none", "", strerror(errno)};

    // Another filesystem: copy, make the copy durable, only then unlink.
    Fd copy;
    used = first_free(name, [&](auto& c) {
        copy = Fd(openat(qfd, c.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        return static_cast<bool>(copy);
    });
    if (used.empty()) return {false, "none", "", strerror(errno)};
    if (!copy_fd(file_fd, copy.get()) || fsync(copy.get()) != 0 || fsync(qfd) != 0) {
        const std::string why = strerror(errno);
        unlinkat(qfd, used.c_str(), 0);
        return {false, "none", "", "copy to quarantine failed: " + why};
    }
    const std::string destination = quarantine_dir_ + "/" + used;
    if (!same_file(dir_fd, name, file_fd))
        return {false, "copied", destination, "replaced by another file while being copied"};
    if (unlinkat(dir_fd, name.c_str(), 0) != 0)
        return {false, "copied", destination, std::string("cannot remove it: ") + strerror(errno)};
    fsync(dir_fd);
    return {true, "quarantined", destination, ""};
}

}  // namespace scannedonlyd
