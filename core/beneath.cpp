#include "scannedonly/beneath.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace scannedonly {

namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

int open_openat2(int root_fd, const std::string& relative) {
    open_how how{};
    how.flags = kDirFlags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return static_cast<int>(syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how));
}

// O_DIRECTORY|O_NOFOLLOW fails on a symlink with ENOTDIR; report ELOOP as
// openat2 does, so callers can tell a refused link from a plain file.
int open_component(int dir_fd, const std::string& component) {
    const int fd = openat(dir_fd, component.c_str(), kDirFlags | O_NOFOLLOW);
    struct stat st {};
    if (fd < 0 && errno == ENOTDIR &&
        fstatat(dir_fd, component.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        errno = ELOOP;
    return fd;
}

int open_components(int root_fd, std::string_view relative) {
    int current = openat(root_fd, ".", kDirFlags);
    while (current >= 0 && !relative.empty()) {
        const std::size_t slash = relative.find('/');
        const std::string component(relative.substr(0, slash));
        relative.remove_prefix(slash == std::string_view::npos ? relative.size() : slash + 1);
        int next = -1;
        if (component.empty() || component == "." || component == "..") errno = EXDEV;
        else next = open_component(current, component);
        const int saved = errno;
        close(current);
        errno = saved;
        current = next;
    }
    return current;
}

}  // namespace

int open_dir_beneath(int root_fd, std::string_view relative, Resolver resolver) {
    if (relative.empty()) return openat(root_fd, ".", kDirFlags);
    if (resolver == Resolver::Openat2) {
        const int fd = open_openat2(root_fd, std::string(relative));
        if (fd >= 0 || errno != ENOSYS) return fd;
    }
    return open_components(root_fd, relative);
}

int open_file_nofollow(int dir_fd, const char* name) {
    constexpr int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    // O_NOATIME keeps scans from touching atimes; it needs ownership or root.
    const int fd = openat(dir_fd, name, flags | O_NOATIME);
    if (fd >= 0 || errno != EPERM) return fd;
    return openat(dir_fd, name, flags);
}

}  // namespace scannedonly
