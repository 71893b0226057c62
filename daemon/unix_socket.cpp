#include "unix_socket.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace scannedonlyd {

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + strerror(errno));
}

void make_parent(const std::string& path) {
    for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
         slash = path.find('/', slash + 1))
        if (mkdir(path.substr(0, slash).c_str(), 0755) != 0 && errno != EEXIST)
            fail("cannot create " + path.substr(0, slash));
}

// A socket someone still receives on accepts a connect(); a stale one left
// by a crash refuses it.
bool in_use(const sockaddr_un& addr, int type) {
    Fd probe(socket(AF_UNIX, type | SOCK_CLOEXEC, 0));
    return probe && connect(probe.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
}

void remove_stale(const std::string& path, const sockaddr_un& addr, int type) {
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) return;
    if (!S_ISSOCK(st.st_mode))
        throw std::runtime_error(path + " exists and is not a socket; not removing it");
    if (in_use(addr, type)) throw std::runtime_error(path + " is in use by a running daemon");
    if (unlink(path.c_str()) != 0) fail("cannot remove stale socket " + path);
}

}  // namespace

sockaddr_un unix_address(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long: " + path);
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    return addr;
}

Fd bind_unix_socket(const std::string& path, int type, mode_t mode) {
    sockaddr_un addr = unix_address(path);
    make_parent(path);
    remove_stale(path, addr, type);
    Fd fd(socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd) fail("socket");
    const mode_t old_mask = umask(~mode & 0777);
    const int rc = bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    umask(old_mask);
    if (rc != 0) fail("bind " + path);
    return fd;
}

}  // namespace scannedonlyd
