// The request socket systemd passes (scannedonlyd.socket), so that requests
// sent while the daemon restarts or loads signatures wait in the socket's
// kernel queue instead of failing to reach a path nobody listens on.
#pragma once

#include "scannedonly/daemon_config.hpp"
#include "scannedonly/fd.hpp"

namespace scannedonlyd {

// The socket passed with LISTEN_FDS/LISTEN_PID (sd_listen_fds), or an
// invalid Fd when none was passed: then the daemon binds its own, as
// always. The variables are removed so that VirusAction commands do not
// see them. A passed socket must be exactly one unix datagram socket bound
// to config.socket_path, without Port: anything else means the socket unit
// and the configuration disagree, and throws std::runtime_error saying so.
// Returned non-blocking and close-on-exec, as a socket the daemon binds.
scannedonly::Fd inherited_request_socket(const scannedonly::DaemonConfig& config);

}  // namespace scannedonlyd
