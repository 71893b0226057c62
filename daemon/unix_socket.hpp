// Binding a unix socket at a path: parent directories created, a stale
// socket left by a crash replaced, a live one or any other file refused.
#pragma once

#include "scannedonly/fd.hpp"

#include <sys/types.h>
#include <sys/un.h>

#include <string>

namespace scannedonlyd {

using scannedonly::Fd;

// Throws std::runtime_error when `path` does not fit.
sockaddr_un unix_address(const std::string& path);

// type: SOCK_DGRAM or SOCK_STREAM (opened non-blocking and close-on-exec);
// the socket file gets `mode` as it is created (through the umask, so no
// path is followed afterwards to change it): call before threads start.
// Throws std::runtime_error.
Fd bind_unix_socket(const std::string& path, int type, mode_t mode);

}  // namespace scannedonlyd
