#include "socket_activation.hpp"

#include "log.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <systemd/sd-daemon.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace scannedonlyd {

namespace {

[[noreturn]] void refuse(const std::string& why) {
    throw std::runtime_error("socket activation: " + why +
                             "; scannedonlyd.socket's ListenDatagram= must name the Socket "
                             "path (see scannedonlyd(8))");
}

}  // namespace

scannedonly::Fd inherited_request_socket(const scannedonly::DaemonConfig& config) {
    const int n = sd_listen_fds(1);
    if (n < 0) throw std::runtime_error(std::string("socket activation: ") + strerror(-n));
    if (n == 0) return scannedonly::Fd();
    // Owned from here, so that a refused socket is closed too.
    scannedonly::Fd fd(SD_LISTEN_FDS_START);
    if (n != 1) refuse(std::to_string(n) + " sockets passed, expected one");
    if (config.port) refuse("a socket was passed, but Port selects UDP");
    const int r = sd_is_socket_unix(fd.get(), SOCK_DGRAM, -1, config.socket_path.c_str(), 0);
    if (r < 0) refuse(std::string("passed descriptor: ") + strerror(-r));
    if (r == 0) refuse("the passed socket is not a unix datagram socket bound to " +
                       config.socket_path);
    const int flags = fcntl(fd.get(), F_GETFL);
    if (flags < 0 || fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK) != 0 ||
        fcntl(fd.get(), F_SETFD, FD_CLOEXEC) != 0)
        throw std::runtime_error(std::string("socket activation: fcntl: ") + strerror(errno));
    log(LOG_NOTICE, "receiving requests on " + config.socket_path + ", passed by systemd");
    return fd;
}

}  // namespace scannedonlyd
