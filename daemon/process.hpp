// Process plumbing: daemonizing, the pid file, and signals as a descriptor.
#pragma once

#include "scannedonly/fd.hpp"

#include <string>

namespace scannedonlyd {

using scannedonly::Fd;

// Detaches from the terminal (fork, setsid, stdio to /dev/null). Call
// before any thread starts. Throws std::runtime_error.
void daemonize();

// Writes the pid file and removes it again when destroyed.
class PidFile {
public:
    explicit PidFile(std::string path);  // throws std::runtime_error
    ~PidFile();
    PidFile(const PidFile&) = delete;
    PidFile& operator=(const PidFile&) = delete;

private:
    std::string path_;
};

// Blocks SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2 and SIGALRM in
// every thread started later and returns a signalfd for them, so that none
// an administrator sends by habit kills the daemon and leaves its pid file
// and sockets behind; SIGPIPE is ignored.
Fd block_signals();

}  // namespace scannedonlyd
