#include "stamp_file.hpp"

#include "log.hpp"
#include "scannedonly/fd.hpp"
#include "scannedonly/paths.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace scannedonlyd {

using scannedonly::Fd;

namespace {

std::string stamp_text(const EngineFacts& facts) {
    return "# The signatures of scannedonlyd's engine; markers of its verdicts carry\n"
           "# the stamp as their access time, and this file as its mtime.\n"
           "stamp " + std::to_string(facts.identity.stamp) + "\n" + facts.identity.description;
}

// Written beside and renamed over, so a reader never sees half a file.
bool replace(int dir_fd, const std::string& name, const EngineFacts& facts) {
    const std::string temporary = "." + name + ".new";
    unlinkat(dir_fd, temporary.c_str(), 0);
    Fd fd(openat(dir_fd, temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                 0644));
    if (!fd) return false;
    const std::string text = stamp_text(facts);
    const timespec times[2] = {{0, UTIME_NOW}, {facts.identity.stamp, 0}};
    if (write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        futimens(fd.get(), times) != 0 ||
        renameat(dir_fd, temporary.c_str(), dir_fd, name.c_str()) != 0) {
        const int error = errno;
        unlinkat(dir_fd, temporary.c_str(), 0);
        errno = error;
        return false;
    }
    return true;
}

}  // namespace

void publish_stamp(const std::string& path, const EngineFacts& facts) {
    if (path.empty()) return;
    const auto parts = scannedonly::split_last(path);
    const std::string dir(parts.dir.empty() ? "/" : parts.dir);
    Fd dir_fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir_fd || !replace(dir_fd.get(), std::string(parts.name), facts))
        log(LOG_ERR, "cannot publish the signature stamp in " + path + ": " + strerror(errno) +
                         "; shares do not see markers outdated by these signatures");
}

}  // namespace scannedonlyd
