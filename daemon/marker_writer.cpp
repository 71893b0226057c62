#include "marker_writer.hpp"

#include "scannedonly/fd.hpp"
#include "scannedonly/markers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace scannedonlyd {

using scannedonly::Fd;

namespace {

bool reusable(const struct stat& st) {
    return S_ISREG(st.st_mode) && st.st_uid == geteuid() && st.st_nlink == 1 && st.st_size == 0;
}

// An existing marker we wrote earlier, or an invalid Fd.
Fd open_existing(int dir_fd, const std::string& marker) {
    struct stat st {};
    if (fstatat(dir_fd, marker.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !reusable(st))
        return Fd();
    Fd fd(openat(dir_fd, marker.c_str(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (fd && (fstat(fd.get(), &st) != 0 || !reusable(st))) return Fd();
    return fd;
}

// Whatever stands at the name is not ours to reuse: replace it. The unlink
// comes only after an EEXIST, as it locks the directory even for a missing
// name and most markers are new.
Fd create_fresh(int dir_fd, const std::string& marker) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        Fd fd(openat(dir_fd, marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                     0644));
        if (fd || errno != EEXIST) return fd;
        if (unlinkat(dir_fd, marker.c_str(), 0) != 0 && errno != ENOENT) return Fd();
    }
    return Fd();
}

// The last step: mtime set to now gives ctime the same instant, which is
// how file_access knows the marker was not moved since; the same call sets
// the access time to the signature stamp (signature_stamp.hpp). Scans begin only
// once the file's ctime has settled (until_settled in markers.hpp), so the
// first stamp is strictly newer; the retries are for a clock stepped back.
bool stamp_newer(int fd, const timespec& file_ctime, scannedonly::SignatureStamp stamp) {
    using namespace std::chrono_literals;
    const timespec times[2] = {{stamp, 0}, {0, UTIME_NOW}};
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (attempt > 1) std::this_thread::sleep_for(1ms);
        struct stat st {};
        if (futimens(fd, times) != 0 || fstat(fd, &st) != 0) return false;
        if (scannedonly::ctime_newer(st.st_ctim, file_ctime)) return true;
    }
    errno = ETIME;
    return false;
}

}  // namespace

bool write_marker(int dir_fd, const std::string& marker, const struct stat& file,
                  scannedonly::SignatureStamp stamp) {
    Fd fd = open_existing(dir_fd, marker);
    if (!fd) fd = create_fresh(dir_fd, marker);
    if (!fd || fchown(fd.get(), static_cast<uid_t>(-1),
                      scannedonly::marker_group_for(file.st_ino)) != 0)
        return false;
    return stamp_newer(fd.get(), file.st_ctim, stamp);
}

// Looked up first: a lookup is lock-free, an unlink locks the directory
// even when the name is missing, which it usually is.
void remove_entry(int dir_fd, const std::string& name) {
    struct stat st {};
    if (fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
        unlinkat(dir_fd, name.c_str(), 0);
}

}  // namespace scannedonlyd
